package dev.jvmgan.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The page of one run, read as text: what it holds, what it leaves out, and that it needs nothing from outside. */
class RunReportTest {
    private static final Pattern IMG_SRC = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([^\"]+)\"");

    @Test
    void onePageWithEverySectionAndNothingToFetch(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).write();

        String html = Files.readString(RunReport.write(run));

        for (String id : List.of("run", "summary", "training", "quality", "gradients", "units", "alerts", "samples")) {
            assertThat(html).as(id).contains("<section id=\"" + id + "\">");
        }
        // Self-contained: no external stylesheet, script or image, and a policy that forbids any fetch.
        assertThat(html).doesNotContainPattern("(src|href)=\"(?!data:|#)").doesNotContain("<link rel=\"stylesheet\"")
                .contains("default-src 'none'").contains("<style>").contains("<script>");
        assertThat(Files.list(run).map(p -> p.getFileName().toString())).contains("report.html")
                .noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void everyChartHasOnePathPerSeriesWithItsPoints(@TempDir Path tmp) throws Exception {
        String html = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("run")).write()));

        assertThat(seriesPoints(html, "losses")).containsExactly("D loss=10", "G loss=10");
        assertThat(seriesPoints(html, "d-outputs")).containsExactly("D(x)=10", "D(G(z))=10");
        assertThat(seriesPoints(html, "units-G")).containsExactly("G act1 dead=5", "G act1 inputs <= 0=5");
        assertThat(seriesPoints(html, "g-signal")).containsExactly("G signal=5");
        assertThat(seriesPoints(html, "quality-fd")).containsExactly("FD=2");
        assertThat(seriesPoints(html, "alerts")).containsExactly("dead-units=1");
    }

    @Test
    void theBestFdIsMarkedAndAbsentScoresSaySo(@TempDir Path tmp) throws Exception {
        String withScores = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("a")).fd(50.0, 70.0).write()));
        assertThat(withScores).contains("data-marker=\"best, it 100\"").doesNotContain("data-empty=\"quality\"");

        String without = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("b")).fd().write()));
        assertThat(without).contains("data-empty=\"quality\"").contains(QualitySection.NONE)
                .doesNotContain("data-chart=\"quality-fd\"");
    }

    @Test
    void configDifferencesAreTakenAgainstTheLoadersDefaults(@TempDir Path tmp) throws Exception {
        String html = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("run")).write()));

        assertThat(html).contains("3 values differ from the defaults").contains("data-rows=\"3\"")
                .contains("<td>train.iterations</td><td class=\"same\">3000</td><td>200</td>")
                .contains("<td>model.latentDim</td><td class=\"same\">100</td><td>4</td>")
                .contains("<td>data.imageSize</td><td class=\"same\">28</td><td>8</td>");
    }

    @Test
    void headerFactsComeFromRunJson(@TempDir Path tmp) throws Exception {
        String html = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("run")).write()));

        assertThat(html).contains("<dt>seed</dt><dd>42</dd>").contains("<dd>0.1.0-test</dd>")
                .contains("<dd>ND4J backend CPU (test)</dd>").contains("<dd>50 s of training</dd>")
                .contains("<dd>600 MB peak RSS</dd>").contains("<dd>200 of 200</dd>")
                // 200 iterations over 50 s
                .contains("<dd>4 over 200 iterations</dd>");
    }

    @Test
    void gradientRowsRunFromTheInputSideAndCombineALayersParameters(@TempDir Path tmp) throws Exception {
        String html = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("run")).write()));

        String dNorms = figure(html, "grad-D");
        assertThat(dNorms.indexOf(">D conv1<")).isPositive().isLessThan(dNorms.indexOf(">D logit<"));
        // conv1: W norm 3 and b norm 4 together make 5.
        assertThat(dNorms).contains("<title>D conv1, it 40: 5</title>");
        // conv1's update ratio: |step| = 0.02 * 2 (W) and 0 (b), over |params| = sqrt(2^2 + 1^2).
        assertThat(figure(html, "ratio-D")).contains("<title>D conv1, it 40: " + Html.num(0.04 / Math.sqrt(5))
                + "</title>");
    }

    @Test
    void gridsAreEmbeddedAtTheGeneratorsOwnPixels(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).grids(3).write();
        String html = Files.readString(RunReport.write(run));

        List<BufferedImage> images = embeddedImages(html);
        assertThat(images).hasSize(3 + 1); // three steps and the final grid
        BufferedImage last = images.get(images.size() - 1);
        assertThat(last.getWidth()).isEqualTo(SyntheticRun.EXACT_GRID);
        BufferedImage expected = SyntheticRun.exactLastGrid(run);
        for (int y = 0; y < SyntheticRun.EXACT_GRID; y++) {
            for (int x = 0; x < SyntheticRun.EXACT_GRID; x++) {
                assertThat(last.getRaster().getSample(x, y, 0)).as("pixel %d,%d", x, y)
                        .isEqualTo(expected.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void manyGridsAreCappedEvenlyWithTheFirstAndTheLast(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).grids(100).gridScale(1).write();
        String html = Files.readString(RunReport.write(run));

        List<String> steps = new ArrayList<>();
        Matcher m = Pattern.compile("<img class=\"grid step\" data-iteration=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            steps.add(m.group(1));
        }
        assertThat(steps).hasSize(SampleGrids.MAX_STEPS).startsWith("2").endsWith("200");
        assertThat(html).contains(SampleGrids.MAX_STEPS + " of the run's 100 grids");
    }

    @Test
    void theSummaryNamesAlertsAndFindingsWithTheirIterations(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).write();
        Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"tra", java.nio.file.StandardOpenOption.APPEND);

        String html = Files.readString(RunReport.write(run));

        String summary = html.substring(html.indexOf("<ul class=\"summary\">"), html.indexOf("</ul>"));
        assertThat(summary).contains("5 monitor checks, from iteration 40 to 200.")
                .contains("1 alert: dead-units once (first at iteration 120: " + Html.esc(SyntheticRun.ALERT_MESSAGE))
                .contains("40.0% in G act1 at iteration 120")
                .contains("D overpowered G (D(x) &gt; 0.95 with D(G(z)) &lt; 0.05) at 5 of 5 checks")
                .contains("G fc1/W vanishing at 1 check(s), first at iteration 200")
                .contains("Best FD: 50 at iteration 100")
                .contains("1 line(s) of metrics.jsonl were not JSON");
        // User text is escaped everywhere it appears, never markup.
        assertThat(html).doesNotContain("<check>");
    }

    @Test
    void aRunWithoutRecordsStillGetsAPage(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("empty"));

        String html = Files.readString(RunReport.write(run));

        assertThat(html).contains("No train records yet.").contains("No sample grids yet.")
                .contains("config.yaml: " + run.resolve("config.yaml") + " is missing")
                .contains(RunFacts.NOT_RECORDED);
    }

    @Test
    void aComparisonOverlaysTheRunsAndTablesWhatDiffers(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.in(tmp.resolve("00000-a")).write();
        Path b = SyntheticRun.in(tmp.resolve("00001-b")).yaml("output: {logEvery: 20}\n").fd().write();

        String html = Files.readString(RunReport.compare(List.of(a, b), tmp.resolve("compare.html")));

        assertThat(html).contains("data-rows=\"1\"").contains("<tr><td>output.logEvery</td><td>50</td><td>20</td></tr>")
                .contains("<a href=\"00000-a/report.html\">00000-a</a>").contains("<a href=\"00001-b/report.html\">");
        assertThat(seriesPoints(html, "d-loss")).containsExactly("00000-a=10", "00001-b=10");
        assertThat(seriesPoints(html, "quality-fd")).as("b has no eval records").containsExactly("00000-a=2");
        assertThat(embeddedImages(html)).hasSize(2);
    }

    /** {@code name=points} of every series of one chart. */
    static List<String> seriesPoints(String html, String chart) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"series\" data-series=\"([^\"]*)\" data-points=\"(\\d+)\"")
                .matcher(figure(html, chart));
        while (m.find()) {
            out.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">") + "=" + m.group(2));
        }
        return out;
    }

    static String figure(String html, String chart) {
        int start = html.indexOf("data-chart=\"" + chart + "\"");
        assertThat(start).as("chart " + chart).isPositive();
        return html.substring(start, html.indexOf("</figure>", start));
    }

    static List<BufferedImage> embeddedImages(String html) throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            images.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return images;
    }
}
