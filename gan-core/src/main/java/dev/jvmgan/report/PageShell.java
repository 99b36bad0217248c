package dev.jvmgan.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frame of a report page: the head with the inline stylesheet, a content security policy that forbids every
 * network request (only inline styles and script and {@code data:} images may load, so a page that tried to fetch
 * anything would fail visibly in its console), the sticky section navigation, and the inline script at the end.
 */
final class PageShell {
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    /** Nothing from the network, ever: the page works offline because it cannot do otherwise. */
    static final String POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'";

    private PageShell() {
    }

    /**
     * @param sections section id to its heading, in page order, for the navigation bar
     */
    static String page(String title, String subtitle, Map<String, String> sections, String body) {
        StringBuilder nav = new StringBuilder("<nav>");
        sections.forEach((id, heading) -> nav.append("<a href=\"#").append(id).append("\">").append(Html.esc(heading))
                .append("</a>"));
        nav.append("</nav>");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"generator\" content=\"jvm-gan report\">"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<title>" + Html.esc(title) + "</title><style>" + CSS + "</style></head><body>"
                + "<header class=\"top\"><h1>" + Html.esc(title) + "</h1><div class=\"sub\">" + Html.esc(subtitle)
                + "</div></header>" + nav + "<main>" + body + "</main><script>" + SCRIPT + "</script></body></html>\n";
    }

    /** A section with its heading; {@code content} is HTML. */
    static String section(String id, String heading, String content) {
        return "<section id=\"" + id + "\"><h2>" + Html.esc(heading) + "</h2>" + content + "</section>";
    }

    /**
     * Writes {@code html} through a temporary file in the same directory and a rename, so a browser refreshing
     * the page during training never reads half of it.
     */
    static void write(Path file, String html) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PageShell.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("gan-core is missing its resource dev/jvmgan/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
