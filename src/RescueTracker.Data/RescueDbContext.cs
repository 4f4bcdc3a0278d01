using System.Numerics;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;

namespace RescueTracker.Data;

public class RescueDbContext(DbContextOptions<RescueDbContext> options) : IdentityDbContext<AdminUser>(options), IDataProtectionKeyContext
{
    public DbSet<Rescue> Rescues => Set<Rescue>();
    public DbSet<ChainInfo> Chains => Set<ChainInfo>();
    public DbSet<RecoveryAddress> RecoveryAddresses => Set<RecoveryAddress>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<AssetRate> AssetRates => Set<AssetRate>();
    public DbSet<ShortfallItem> ShortfallItems => Set<ShortfallItem>();
    public DbSet<Pledger> Pledgers => Set<Pledger>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<PledgeSender> PledgeSenders => Set<PledgeSender>();
    public DbSet<PledgeStatusChange> PledgeStatusChanges => Set<PledgeStatusChange>();
    public DbSet<OffchainDelivery> OffchainDeliveries => Set<OffchainDelivery>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<ChainScanState> ChainScanStates => Set<ChainScanState>();
    public DbSet<SeenBlock> SeenBlocks => Set<SeenBlock>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AdminSession> AdminSessions => Set<AdminSession>();
    public DbSet<FigureRevision> FigureRevisions => Set<FigureRevision>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    /// <summary>The provider's name for PostgreSQL (compared by name, so the model needs no provider of its own).</summary>
    public const string PostgreSqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>True on PostgreSQL, false on SQLite: the few paths that speak SQL or the engine's API ask this.</summary>
    public bool OnPostgreSql => Database.ProviderName == PostgreSqlProviderName;
    public DbSet<ReconcilerLease> ReconcilerLeases => Set<ReconcilerLease>();
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    /// <summary>The data-protection key ring, shared by every instance (sign-in cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        if (OnPostgreSql)
        {
            // A uint256 has 78 digits: NUMERIC(78,0) holds every one exactly, and the provider reads it back as a BigInteger.
            builder.Properties<BigInteger>().HaveColumnType("numeric(78,0)");
            // timestamptz keeps an instant, not its offset, and the provider writes only UTC offsets: every instant goes as UTC.
            builder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
            // Text orders byte by byte, as on SQLite (BINARY) and as the pages' in-memory sorts (ordinal), whatever the server's locale.
            builder.Properties<string>().UseCollation("C");
        }
        else
        {
            builder.Properties<BigInteger>().HaveConversion<BigIntegerToTextConverter>();
        }
        builder.Properties<ExactDecimal>().HaveConversion<ExactDecimalToTextConverter>();
        builder.Properties<PledgeStatus>().HaveConversion<LowerCaseEnumConverter<PledgeStatus>>().HaveMaxLength(16);
        builder.Properties<PledgeTerms>().HaveConversion<LowerCaseEnumConverter<PledgeTerms>>().HaveMaxLength(16);
        builder.Properties<ShortfallKind>().HaveConversion<LowerCaseEnumConverter<ShortfallKind>>().HaveMaxLength(16);
        builder.Properties<TransferKind>().HaveConversion<LowerCaseEnumConverter<TransferKind>>().HaveMaxLength(16);
        builder.Properties<WebhookDeliveryStatus>().HaveConversion<LowerCaseEnumConverter<WebhookDeliveryStatus>>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<AdminUser>(e => e.Property(u => u.DisplayName).HasMaxLength(200));
        model.Entity<Rescue>(e => e.Property(r => r.Name).HasMaxLength(200));

        model.Entity<ChainInfo>(e =>
        {
            e.HasKey(c => c.ChainId);
            e.Property(c => c.ChainId).ValueGeneratedNever();
            e.Property(c => c.Name).HasMaxLength(200);
        });

        model.Entity<RecoveryAddress>(e =>
        {
            e.Property(a => a.Address).HasMaxLength(42);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.ChainId, a.Address }).IsUnique();
        });

        model.Entity<Asset>(e =>
        {
            e.Property(a => a.Symbol).HasMaxLength(32);
            e.HasIndex(a => a.Symbol).IsUnique();
            e.Property(a => a.Contract).HasMaxLength(42);
            e.Property(a => a.EthRate).HasMaxLength(64);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasOne(a => a.Chain).WithMany().HasForeignKey(a => a.ChainId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Rates).WithOne().HasForeignKey(r => r.AssetId);
        });

        model.Entity<AssetRate>(e =>
        {
            e.Property(r => r.EthRate).HasMaxLength(64);
            e.Property(r => r.Source).HasMaxLength(2000);
        });

        model.Entity<ShortfallItem>(e =>
        {
            e.Property(s => s.Label).HasMaxLength(200);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.Source).HasMaxLength(2000);
            e.HasOne(s => s.Asset).WithMany().HasForeignKey(s => s.AssetId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Pledger>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.Name).IsUnique();
        });

        model.Entity<Pledge>(e =>
        {
            e.Property(p => p.TermsNote).HasMaxLength(2000);
            e.Property(p => p.GovernanceUrl).HasMaxLength(2000);
            e.Property(p => p.Source).HasMaxLength(2000);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne(p => p.Pledger).WithMany().HasForeignKey(p => p.PledgerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(p => p.Asset).WithMany().HasForeignKey(p => p.AssetId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Senders).WithOne().HasForeignKey(s => s.PledgeId);
            e.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PledgeId);
        });

        model.Entity<PledgeSender>(e =>
        {
            e.Property(s => s.Address).HasMaxLength(42);
            e.HasIndex(s => new { s.PledgeId, s.Address }).IsUnique();
            e.HasIndex(s => s.Address);
        });

        model.Entity<PledgeStatusChange>(e =>
        {
            e.Property(h => h.Reason).HasMaxLength(2000);
            e.Property(h => h.Source).HasMaxLength(2000);
            e.Property(h => h.Actor).HasMaxLength(200);
            e.Property(h => h.Evidence).HasMaxLength(4000);
        });

        model.Entity<OffchainDelivery>(e =>
        {
            e.Property(o => o.EvidenceUrl).HasMaxLength(2000);
            e.Property(o => o.Note).HasMaxLength(2000);
            e.Property(o => o.RecordedBy).HasMaxLength(200);
            e.HasOne<Pledge>().WithMany().HasForeignKey(o => o.PledgeId);
        });

        model.Entity<Transfer>(e =>
        {
            e.Property(t => t.TxHash).HasMaxLength(66);
            e.Property(t => t.Position).HasMaxLength(200);
            e.Property(t => t.BlockHash).HasMaxLength(66);
            e.Property(t => t.From).HasMaxLength(42);
            e.Property(t => t.To).HasMaxLength(42);
            e.Ignore(t => t.LogIndex);
            e.HasIndex(t => new { t.ChainId, t.TxHash, t.Kind, t.Position }).IsUnique();
            e.HasIndex(t => new { t.ChainId, t.BlockNumber });
            // Partial, so that a catch-up's confirmed, unattributed rows enter neither.
            e.HasIndex(t => new { t.ChainId, t.BlockNumber }, "IX_Transfers_Pending").HasFilter("NOT \"Confirmed\"");
            e.HasIndex(t => t.PledgeId).HasFilter("\"PledgeId\" IS NOT NULL");
            e.HasOne<ChainInfo>().WithMany().HasForeignKey(t => t.ChainId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(t => t.Asset).WithMany().HasForeignKey(t => t.AssetId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Pledge>().WithMany().HasForeignKey(t => t.PledgeId).OnDelete(DeleteBehavior.SetNull);
        });

        model.Entity<ChainScanState>(e =>
        {
            e.HasKey(s => s.ChainId);
            e.Property(s => s.ChainId).ValueGeneratedNever();
            e.Property(s => s.LastError).HasMaxLength(2000);
            e.HasOne<ChainInfo>().WithOne().HasForeignKey<ChainScanState>(s => s.ChainId);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.ActorId).HasMaxLength(450);
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.EntityType).HasMaxLength(64);
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.Property(a => a.EntityLabel).HasMaxLength(200);
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.Property(a => a.Source).HasMaxLength(2000);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
        });

        model.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId);
        });

        model.Entity<AdminSession>(e =>
        {
            e.Property(s => s.Id).HasMaxLength(64);
            e.HasOne<AdminUser>().WithMany().HasForeignKey(s => s.UserId);
        });

        model.Entity<FigureRevision>(e =>
        {
            e.Property(r => r.At).HasConversion<UtcInstantConverter>();
            e.HasIndex(r => r.At);
        });

        model.Entity<WebhookSubscription>(e =>
        {
            e.Property(s => s.Url).HasMaxLength(2000);
            e.Property(s => s.ProtectedSecret).HasMaxLength(2000);
            e.Property(s => s.CreatedBy).HasMaxLength(200);
        });

        model.Entity<WebhookEvent>(e =>
        {
            e.Property(v => v.EntryId).HasMaxLength(400);
            e.Property(v => v.Type).HasMaxLength(32);
            e.HasIndex(v => v.EntryId).IsUnique();
        });

        model.Entity<WebhookDelivery>(e =>
        {
            e.Property(d => d.NextAttemptAt).HasConversion<UtcInstantConverter>();
            e.Property(d => d.LastError).HasMaxLength(2000);
            // One row per subscription and event: enqueueing twice cannot make a second delivery id.
            e.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
            e.HasIndex(d => d.DeliveryKey).IsUnique();
            e.HasIndex(d => new { d.Status, d.NextAttemptAt });
            e.HasOne(d => d.Subscription).WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<WebhookAttempt>(e => e.Property(a => a.Error).HasMaxLength(2000));

        model.Entity<ReconcilerLease>(e =>
        {
            e.HasKey(l => l.ChainId);
            e.Property(l => l.ChainId).ValueGeneratedNever();
            e.Property(l => l.Holder).HasMaxLength(200);
        });

        model.Entity<DataVersion>(e =>
        {
            e.Property(v => v.Id).ValueGeneratedNever();
            e.Property(v => v.Stamp).HasMaxLength(32);
            e.HasData(new DataVersion { Id = DataVersion.SingleId, Stamp = "initial" });
        });

        model.Entity<SignInFailure>(e =>
        {
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(300);
            e.HasIndex(f => f.LastAt);
        });

        model.Entity<SeenBlock>(e =>
        {
            e.HasKey(b => new { b.ChainId, b.Number });
            e.Property(b => b.Hash).HasMaxLength(66);
            e.Property(b => b.ParentHash).HasMaxLength(66);
            e.HasOne<ChainInfo>().WithMany().HasForeignKey(b => b.ChainId);
        });
    }

    /// <summary>
    /// Every save that changes the ledger (not the scan bookkeeping) moves the rescue's UpdatedAt, in the same transaction,
    /// so the figures' asOf can never lag behind what they include. Every save the public pages depend on gives the
    /// <see cref="DataVersion"/> a new stamp, in the same transaction, so the other instances see it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Any(e => e.Entity is ILedgerRecord))
        {
            var rescue = Rescues.Local.FirstOrDefault() ?? await Rescues.OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (rescue is not null) rescue.UpdatedAt = DateTimeOffset.UtcNow;
        }
        if (changed.Any(e => e.Entity is ILedgerRecord or OffchainDelivery or RecoveryAddress or ChainInfo or Rescue)) StampDataVersion();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>A new stamp now, for the writes that bypass SaveChanges (the reconciler's bulk insert); call it inside their transaction.</summary>
    public Task StampDataVersionAsync(CancellationToken ct)
    {
        var stamp = DataVersion.NewStamp();
        return DataVersions.Where(v => v.Id == DataVersion.SingleId).ExecuteUpdateAsync(u => u.SetProperty(v => v.Stamp, stamp), ct);
    }

    /// <summary>A new stamp written by the next save: an update of the one row, which the migrations insert.</summary>
    private void StampDataVersion()
    {
        var version = DataVersions.Local.FirstOrDefault(v => v.Id == DataVersion.SingleId);
        if (version is null)
        {
            version = new DataVersion { Id = DataVersion.SingleId, Stamp = "" };
            DataVersions.Attach(version);
        }
        version.Stamp = DataVersion.NewStamp();
    }
}
