using System.Text;
using Events.Core.Notifications;

namespace Events.Core.Tests.Notifications;

public class OutboxStorageTests
{
    private static readonly byte[] Mime = Encoding.ASCII.GetBytes(
        "From: a@example.kg\r\nTo: b@example.kg\r\nSubject: =?utf-8?b?0J7QvdC70LDQudC9?=\r\n\r\n" + string.Concat(Enumerable.Repeat("0KHQsNC70LDQvNCw0YLRgdGL0LfQsdGL\r\n", 200)));

    [Fact]
    public void Packed_IsSmaller_AndReadsBackByteForByte()
    {
        var packed = OutboxMessage.Pack(Mime);
        Assert.Equal(0, packed[0]);
        Assert.True(packed.Length < Mime.Length / 2, $"{packed.Length} of {Mime.Length}");
        var row = new OutboxMessage { To = "b@example.kg", Subject = "S", Mime = packed };
        Assert.Equal(Mime, row.MimeBytes());
    }

    [Fact]
    public void RowsStoredBeforeCompression_ReadAsTheyAre()
    {
        var row = new OutboxMessage { To = "b@example.kg", Subject = "S", Mime = Mime };
        Assert.Same(Mime, row.MimeBytes());
    }
}
