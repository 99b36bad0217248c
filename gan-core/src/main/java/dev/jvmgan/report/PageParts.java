package dev.jvmgan.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The report's page parts for pages made outside this package from other files than one run's (the activation
 * study's {@code study.html}), so that every such page has the report's frame, stylesheet, no-network policy,
 * escaping and colour scale, not a copy of them.
 *
 * <pre>{@code
 * String body = PageParts.section("plan", "Plan", "<p>" + PageParts.escape(text) + "</p>");
 * PageParts.write(file, PageParts.page("Study", "16 cells", Map.of("plan", "Plan"), body));
 * }</pre>
 */
public final class PageParts {
    private PageParts() {
    }

    /** Text safe inside an element or a double-quoted attribute. */
    public static String escape(String text) {
        return Html.esc(text);
    }

    /** Three significant digits, scientific outside 0.001 to 99999: {@code 0.259}, {@code 2.5e-5}. */
    public static String number(double value) {
        return Html.num(value);
    }

    /** {@code 1 h 02 min}, {@code 5 min 46 s}, {@code 42 s}. */
    public static String duration(double seconds) {
        return Html.duration(seconds);
    }

    /**
     * A whole page: the report's head (stylesheet, the policy that forbids every network request), a header, the
     * section navigation and {@code body}.
     *
     * @param sections section id to its heading, in page order
     */
    public static String page(String title, String subtitle, Map<String, String> sections, String body) {
        return PageShell.page(title, subtitle, sections, body);
    }

    /** A section with its heading; {@code content} is HTML. */
    public static String section(String id, String heading, String content) {
        return PageShell.section(id, heading, content);
    }

    /**
     * The inline style of a table cell coloured by {@code t} in [0, 1] on the heatmaps' sequential scale (light for
     * low, dark for high), with text that stays legible on it.
     */
    public static String heatStyle(double t) {
        // The scale's last two stops are dark: from about 0.6 on, dark text would vanish into them.
        return "background:" + Palette.sequential(t) + ";color:" + (t >= 0.6 ? "#fff" : "#1d232b");
    }

    /** A PNG file's bytes as a {@code data:} URI, the only kind of image the report's policy lets load. */
    public static String pngDataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** Writes {@code html} through a temporary file and a rename, so a browser never reads half a page. */
    public static void write(Path file, String html) throws IOException {
        PageShell.write(file, html);
    }
}
