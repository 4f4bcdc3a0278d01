using Microsoft.AspNetCore.Mvc;
using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// The admin API: the same commands, validation and audit as the admin forms, for scripts and
/// bots, authenticated with <c>Authorization: Bearer KEY</c>. Without a valid key: 401, never a redirect.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(AdminPolicies.EditorApi)
            .WithMetadata(new RequestSizeLimitAttribute(AdminApiJson.MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/pledges/{id:int}", async (int id, PledgeCommands commands, CancellationToken ct) =>
            await commands.GetAsync(id, ct) is { } state ? Results.Ok(state) : NotFound()).WithName("AdminGetPledge");

        api.MapPost("/pledges", async (HttpRequest request, PledgeCommands commands, CancellationToken ct) =>
        {
            var (input, problem) = await AdminApiJson.ReadAsync(request, LedgerJson.ReadPledge, ct);
            if (problem is not null) return problem;
            var result = await commands.CreateAsync(input!, request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok
                ? Results.Created($"/api/admin/pledges/{result.Value!.Id}", result.Value)
                : AdminApiJson.Failure(result);
        }).WithName("AdminCreatePledge").WithSummary("Enters a pledge (proposed or committed) in the seed file's pledge format.");

        api.MapPut("/pledges/{id:int}", async (int id, HttpRequest request, PledgeCommands commands, CancellationToken ct) =>
        {
            var (body, problem) = await AdminApiJson.ReadAsync(request,
                f => (Pledge: LedgerJson.ReadPledge(f), Version: f.OptionalInteger("version"), Reason: f.OptionalString("reason")), ct);
            if (problem is not null) return problem;
            var result = await commands.UpdateAsync(id, body.Pledge, Int(body.Version), body.Reason, request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok ? Results.Ok(result.Value) : AdminApiJson.Failure(result);
        }).WithName("AdminUpdatePledge").WithSummary("Edits a pledge; send the version you read. 409 with the current values if it changed.");

        api.MapPost("/pledges/{id:int}/status", async (int id, HttpRequest request, PledgeCommands commands, CancellationToken ct) =>
        {
            var (body, problem) = await AdminApiJson.ReadAsync(request,
                f => (Input: new StatusChangeInput(f.String("status"), f.String("reason"), f.String("source")), Version: f.OptionalInteger("version")), ct);
            if (problem is not null) return problem;
            var result = await commands.ChangeStatusAsync(id, body.Input, Int(body.Version), request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok ? Results.Ok(result.Value) : AdminApiJson.Failure(result);
        }).WithName("AdminChangePledgeStatus").WithSummary("proposed, committed or withdrawn, with a reason and a source; never delivered.");

        api.MapPost("/pledges/{id:int}/offchain-deliveries", async (int id, HttpRequest request, PledgeCommands commands, CancellationToken ct) =>
        {
            var (input, problem) = await AdminApiJson.ReadAsync(request,
                f => new OffchainDeliveryInput(f.String("amount"), f.String("evidenceUrl"), f.OptionalString("note")), ct);
            if (problem is not null) return problem;
            var result = await commands.RecordOffchainDeliveryAsync(id, input!, request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok ? Results.Ok(result.Value) : AdminApiJson.Failure(result);
        }).WithName("AdminRecordOffchainDelivery");

        api.MapPost("/shortfall-items", async (HttpRequest request, LedgerCommands commands, CancellationToken ct) =>
        {
            var (input, problem) = await AdminApiJson.ReadAsync(request, LedgerJson.ReadShortfall, ct);
            if (problem is not null) return problem;
            var result = await commands.AddShortfallItemAsync(input!, request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok
                ? Results.Created($"/api/admin/shortfall-items/{result.Value!.Id}", result.Value)
                : AdminApiJson.Failure(result);
        }).WithName("AdminAddShortfallItem").WithSummary("A loss or recovery in the seed file's shortfall format.");

        api.MapPost("/transfers/{id:long}/attribution", async (long id, HttpRequest request, LedgerCommands commands, CancellationToken ct) =>
        {
            var (body, problem) = await AdminApiJson.ReadAsync(request,
                f => (PledgeId: f.Integer("pledgeId"), Reason: f.OptionalString("reason")), ct);
            if (problem is not null) return problem;
            var result = await commands.AttributeTransferAsync(id, Int(body.PledgeId), body.Reason, request.HttpContext.User.ToActor(), ct);
            return result.Outcome == CommandOutcome.Ok ? Results.Ok(result.Value) : AdminApiJson.Failure(result);
        }).WithName("AdminAttributeTransfer");

        return endpoints;
    }

    private static IResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "There is no such record.", statusCode: StatusCodes.Status404NotFound);

    // Ids and versions beyond int are simply unknown, not a server error.
    private static int? Int(long? value) => value is >= int.MinValue and <= int.MaxValue ? (int)value : value is null ? null : -1;
}
