package dev.jvmgan.data.decode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Magic numbers of image formats that the readers here do not take. */
final class ImageSignatures {
    private ImageSignatures() {
    }

    static String name(byte[] head, int n) {
        String ascii = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (n >= 12 && ascii.startsWith("ftyp", 4)) {
            String brand = ascii.substring(8, 12);
            return switch (brand) {
                case "avif", "avis" -> "AVIF";
                case "heic", "heix", "hevc", "hevx", "mif1", "msf1" -> "HEIC/HEIF (as iPhones save photos)";
                default -> "an ISO media file (brand '" + brand.trim() + "')";
            };
        }
        if (ascii.startsWith("8BPS")) {
            return "Photoshop PSD";
        }
        if (ascii.startsWith("\0\0\0\u000CjP  ") || ascii.startsWith("\u00FF\u004F\u00FF\u0051")) {
            return "JPEG 2000";
        }
        if (ascii.startsWith("\u00FF\n") || ascii.startsWith("\0\0\0\u000CJXL ")) {
            return "JPEG XL";
        }
        if (ascii.startsWith("%PDF")) {
            return "PDF";
        }
        if (ascii.startsWith("\0\0\1\0")) {
            return "Windows icon (ICO)";
        }
        if (ascii.startsWith("v/1\u0001")) {
            return "OpenEXR";
        }
        if (ascii.startsWith("#?RADIANCE") || ascii.startsWith("#?RGBE")) {
            return "Radiance HDR";
        }
        if (ascii.startsWith("qoif")) {
            return "QOI";
        }
        String text = ascii.stripLeading().toLowerCase(Locale.ROOT);
        if (text.startsWith("<svg") || text.startsWith("<?xml") && text.contains("svg")) {
            return "SVG (vector graphics)";
        }
        if (ascii.startsWith("RIFF") && n >= 12 && ascii.startsWith("WEBP", 8)) {
            return "a WebP variant the WebP reader does not take";
        }
        return null;
    }

    /** The first bytes, as text when they are printable, else in hex. */
    static String show(byte[] head, int n) {
        int shown = Math.min(n, 16);
        boolean printable = true;
        for (int i = 0; i < shown; i++) {
            int b = head[i] & 0xFF;
            printable &= b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t';
        }
        if (printable) {
            return "\"" + new String(head, 0, shown, StandardCharsets.US_ASCII).replaceAll("\\s+", " ") + "\"";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xFF));
        }
        return hex.toString();
    }
}
