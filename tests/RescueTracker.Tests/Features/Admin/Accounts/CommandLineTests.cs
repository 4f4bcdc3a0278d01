using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>The verbs against the published app, on databases that do not exist yet (a fresh install).</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class CommandLineTests(PublishedApp published)
{
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task Create_admin_on_a_fresh_install_reads_the_password_from_stdin_and_makes_an_admin_who_signs_in_through_the_form()
    {
        var database = published.NewDatabasePath();

        var result = await CliProcess.RunAsync(published.PublishFolder, database, Password + "\n", "create-admin", "--email", "first@rescue.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain(Password, result.Stderr);
        await using (var db = Context(database))
        {
            var user = await db.Users.SingleAsync();
            Assert.Equal("first@rescue.example", user.Email);
            Assert.Equal("first", user.DisplayName);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            Assert.Equal(["Admin"], roles);
            Assert.Empty(db.Rescues);
        }

        await using var app = await published.StartAsync(database);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/admin/login"));
        var fields = form.QuerySelectorAll<IHtmlInputElement>("form[method=post] input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        fields["Input.Email"] = "first@rescue.example";
        fields["Input.Password"] = Password;
        var signIn = await client.PostAsync("/admin/login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Contains("68,900", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("eleven char", "first@rescue.example", "at least 12 characters")]
    [InlineData(Password, "not-an-email", "not an email address")]
    [InlineData("", "first@rescue.example", "at least 12 characters")]
    public async Task Create_admin_refuses_bad_input_with_a_message_and_a_non_zero_exit(string password, string email, string message)
    {
        var database = published.NewDatabasePath();

        var result = await CliProcess.RunAsync(published.PublishFolder, database, password + "\n", "create-admin", "--email", email);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr);
        await using var db = Context(database);
        Assert.Empty(db.Users);
    }

    [Fact]
    public async Task Create_admin_refuses_an_email_that_has_an_account_already_in_development_too()
    {
        var database = published.NewDatabasePath();
        var first = await CliProcess.RunInAsync("Development", published.PublishFolder, database, Password, "create-admin", "--email", "twice@rescue.example");
        Assert.True(first.ExitCode == 0, first.ToString());

        var again = await CliProcess.RunInAsync("Development", published.PublishFolder, database, Password, "create-admin", "--email", "twice@rescue.example");

        Assert.True(again.ExitCode != 0, again.ToString());
        Assert.Contains("exists already", again.Stderr);
    }

    [Fact]
    public async Task Create_api_key_prints_the_key_alone_on_the_last_line_and_the_key_authenticates_on_the_admin_api()
    {
        var database = published.NewDatabasePath();
        Assert.Equal(0, (await CliProcess.RunAsync(published.PublishFolder, database, Password, "create-admin", "--email", "ops@rescue.example", "--name", "Ops Team")).ExitCode);

        var result = await CliProcess.RunAsync(published.PublishFolder, database, null, "create-api-key", "--email", "ops@rescue.example", "--name", "pledge bot");

        Assert.True(result.ExitCode == 0, result.ToString());
        var key = result.Stdout.TrimEnd('\n', '\r').Split('\n')[^1];
        Assert.Matches("^rtk_[A-Za-z0-9_-]{43}$", key);
        await using var app = await published.StartAsync(database);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var whoami = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Contains("\"displayName\":\"Ops Team\"", await whoami.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/admin/whoami")).StatusCode);
    }

    [Fact]
    public async Task Create_api_key_for_an_unknown_email_fails_with_a_message()
    {
        var result = await CliProcess.RunAsync(published.PublishFolder, published.NewDatabasePath(), null, "create-api-key", "--email", "nobody@rescue.example", "--name", "x");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("No account for nobody@rescue.example", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    private static RescueDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite($"Data Source={database};Pooling=False").Options);
}
