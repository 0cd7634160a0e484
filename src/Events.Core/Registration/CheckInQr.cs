using QRCoder;

namespace Events.Core.Registration;

/// <summary>The QR code a registrant shows at the door: it holds only the check-in code, which the organizer's scanner looks up.</summary>
public static class CheckInQr
{
    public static byte[] Png(string code, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string DataUri(string code) => "data:image/png;base64," + Convert.ToBase64String(Png(code));
}
