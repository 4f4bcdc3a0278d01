using System.Net;
using System.Text.Json;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>GET /api/transfers over five transfers written directly: items, filters, order and paging.</summary>
public class TransferApiTests(AppFixture<TransferList> fixture) : IClassFixture<AppFixture<TransferList>>
{
    private readonly TestApp _app = fixture.App;
    private readonly TransferList _list = fixture.Profile;

    private static readonly string[] Fields =
        ["amount", "amountEth", "asset", "blockNumber", "chainId", "from", "id", "kind", "logIndex", "pledgeId", "status", "to", "txHash"];

    private async Task<JsonElement> ListAsync(string query = "")
    {
        var response = await _app.CreateClient().GetAsync("/api/transfers" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await Json.ReadAsync(response);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        return list;
    }

    private async Task<long[]> IdsAsync(string query = "") =>
        (await ListAsync(query)).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToArray();

    private async Task<JsonElement> ItemAsync(long id) =>
        (await ListAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id);

    [Fact]
    public async Task Every_transfer_is_listed_newest_first_by_block_then_by_id_with_exactly_the_documented_fields()
    {
        var list = await ListAsync();

        Assert.Equal(_list.NewestFirst, list.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.All(list.EnumerateArray(), t => Assert.Equal(Fields, t.FieldNames()));
    }

    [Fact]
    public async Task Erc20_transfer_has_its_log_index_and_its_eth_value_at_the_assets_current_rate()
    {
        var item = await ItemAsync(_list.Erc20ToLido);

        Assert.Equal(1, item.GetProperty("chainId").GetInt64());
        Assert.Equal(TransferList.Hash(1), item.Str("txHash"));
        Assert.Equal("erc20", item.Str("kind"));
        Assert.Equal(7, item.GetProperty("logIndex").GetInt32());
        Assert.Equal(100, item.GetProperty("blockNumber").GetInt64());
        Assert.Equal("0x0000000000000000000000000000000000000001", item.Str("from"));
        Assert.Equal(TransferList.Recovery, item.Str("to"));
        Assert.Equal("stETH", item.Str("asset"));
        Assert.Equal("1000.5", item.Str("amount"));
        Assert.Equal("980.49", item.Str("amountEth"));
        Assert.Equal("confirmed", item.Str("status"));
        Assert.Equal(_list.Lido, item.GetProperty("pledgeId").GetInt32());
    }

    [Fact]
    public async Task Native_and_internal_transfers_have_a_null_log_index()
    {
        var native = await ItemAsync(_list.Unattributed);
        var internalTransfer = await ItemAsync(_list.PendingInternal);

        Assert.Equal("native", native.Str("kind"));
        Assert.Equal(JsonValueKind.Null, native.GetProperty("logIndex").ValueKind);
        Assert.Equal("internal", internalTransfer.Str("kind"));
        Assert.Equal(JsonValueKind.Null, internalTransfer.GetProperty("logIndex").ValueKind);
    }

    [Fact]
    public async Task Unattributed_transfer_has_a_null_pledge_id_and_a_pending_one_says_pending()
    {
        var unattributed = await ItemAsync(_list.Unattributed);
        var pending = await ItemAsync(_list.PendingInternal);

        Assert.Equal(JsonValueKind.Null, unattributed.GetProperty("pledgeId").ValueKind);
        Assert.Equal("1.5", unattributed.Str("amount"));
        Assert.Equal("1.5", unattributed.Str("amountEth"));
        Assert.Equal("pending", pending.Str("status"));
        Assert.Equal(_list.EtherFi, pending.GetProperty("pledgeId").GetInt32());
        Assert.Equal("ETH.arb", (await ItemAsync(_list.ArbitrumByAdmin)).Str("asset"));
    }

    [Fact]
    public async Task Chain_filter_keeps_only_that_chains_transfers()
    {
        Assert.Equal([_list.ArbitrumByAdmin], await IdsAsync("?chainId=42161"));
        Assert.Equal([_list.NativeToEtherFi, _list.PendingInternal, _list.Unattributed, _list.Erc20ToLido], await IdsAsync("?chainId=1"));
        Assert.Empty(await IdsAsync("?chainId=10"));
    }

    [Fact]
    public async Task Pledge_filter_keeps_only_that_pledges_transfers_admin_attributed_included()
    {
        Assert.Equal([_list.NativeToEtherFi, _list.PendingInternal], await IdsAsync($"?pledgeId={_list.EtherFi}"));
        Assert.Equal([_list.ArbitrumByAdmin], await IdsAsync($"?pledgeId={_list.Stani}"));
    }

    [Fact]
    public async Task Status_filter_separates_pending_from_confirmed()
    {
        Assert.Equal([_list.PendingInternal], await IdsAsync("?status=pending"));
        Assert.Equal([_list.NativeToEtherFi, _list.Unattributed, _list.Erc20ToLido, _list.ArbitrumByAdmin], await IdsAsync("?status=confirmed"));
    }

    [Fact]
    public async Task Attributed_filter_separates_transfers_with_a_pledge_from_those_without()
    {
        Assert.Equal([_list.Unattributed], await IdsAsync("?attributed=false"));
        Assert.Equal([_list.NativeToEtherFi, _list.PendingInternal, _list.Erc20ToLido, _list.ArbitrumByAdmin], await IdsAsync("?attributed=true"));
    }

    [Fact]
    public async Task Filters_combine_and_empty_values_mean_any()
    {
        Assert.Equal([_list.NativeToEtherFi, _list.Erc20ToLido], await IdsAsync("?chainId=1&status=confirmed&attributed=true"));
        Assert.Equal(_list.NewestFirst, await IdsAsync("?chainId=&pledgeId=&status=&attributed=&limit=&offset="));
    }

    [Fact]
    public async Task Limit_and_offset_page_through_the_list_in_order()
    {
        Assert.Equal(_list.NewestFirst[..2], await IdsAsync("?limit=2"));
        Assert.Equal(_list.NewestFirst[2..4], await IdsAsync("?limit=2&offset=2"));
        Assert.Equal(_list.NewestFirst[4..], await IdsAsync("?limit=2&offset=4"));
        Assert.Empty(await IdsAsync("?offset=5"));
        Assert.Equal(_list.NewestFirst, await IdsAsync("?limit=1000&offset=0"));
    }

    [Theory]
    [InlineData("chainId=abc", "chainId")]
    [InlineData("chainId=0", "chainId")]
    [InlineData("chainId=-1", "chainId")]
    [InlineData("pledgeId=x", "pledgeId")]
    [InlineData("pledgeId=0", "pledgeId")]
    [InlineData("status=done", "status")]
    [InlineData("status=Pending", "status")]
    [InlineData("attributed=yes", "attributed")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=1e3", "offset")]
    [InlineData("limit=1&limit=2", "limit")]
    public async Task Bad_parameter_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await _app.CreateClient().GetAsync("/api/transfers?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal($"Invalid query parameter '{parameter}'", problem.Str("title"));
        Assert.Equal(parameter, problem.Str("parameter"));
        Assert.Contains(parameter, problem.Str("detail"));
    }
}
