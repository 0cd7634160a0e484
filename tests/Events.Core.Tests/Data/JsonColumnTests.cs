using System.Text.Json;
using Events.Core.Data;

namespace Events.Core.Tests.Data;

public class JsonColumnTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("""{"1":4,"2":2.5,"17":0}""")]
    [InlineData("""{ "3" : 1E-05 , "4": -0.25 }""")]
    [InlineData("""{"5":"7"}""")] // a number in a string: JsonSerializer's web defaults read it
    [InlineData("""{"\u0036":1}""")] // an escaped key
    [InlineData("""{"6":1,"6":2}""")]
    [InlineData("{}")]
    [InlineData("null")]
    public void ReadScoreMap_ReadsWhatJsonSerializerReads(string json)
    {
        var expected = JsonSerializer.Deserialize<Dictionary<int, double>>(json, Web) ?? [];
        Assert.Equal(expected.OrderBy(p => p.Key), JsonColumn.ReadScoreMap(json).OrderBy(p => p.Key));
    }

    [Fact]
    public void ReadScoreMap_RoundTripsTheConverter()
    {
        var map = Enumerable.Range(1, 20).ToDictionary(i => i * 7919, i => i / 3.0);
        var converter = JsonColumn.ScoreMapConverter();
        var text = (string)converter.ConvertToProvider(map)!;
        Assert.Equal(map, (Dictionary<int, double>)converter.ConvertFromProvider(text)!);
        Assert.Empty(JsonColumn.ReadScoreMap(""));
        Assert.Empty(JsonColumn.ReadScoreMap(null));
    }

    [Fact]
    public void ReadScoreMap_LongDocument_UsesTheHeap()
    {
        var map = Enumerable.Range(1, 60).ToDictionary(i => i, i => i * 1.125);
        Assert.Equal(map, JsonColumn.ReadScoreMap(JsonSerializer.Serialize(map, Web)));
    }

    [Fact]
    public void ReadScoreMap_Malformed_Throws() =>
        Assert.ThrowsAny<JsonException>(() => JsonColumn.ReadScoreMap("""{"1":"""));
}
