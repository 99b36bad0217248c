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
    void aCriticsRunShowsTheGapOfItsScoresAndNoOverpowering(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).set("train.loss.type=wgan").set("train.penalty.type=wgan-gp")
                .dOutput("critic").write();

        String html = Files.readString(RunReport.write(run));

        assertThat(html).contains("Critic gap D(x) - D(G(z))").doesNotContain("D overpowered G")
                .contains("the critic&#39;s gap D(x) - D(G(z)) was");
    }

    @Test
    void aHingeRunsSummaryJudgesOverpoweringOnItsMargins(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).set("train.loss.type=hinge").dOutput("raw").write();

        String html = Files.readString(RunReport.write(run));

        assertThat(html).contains("mean raw D output")
                .contains("D never overpowered G (D(x) &gt; 1 with D(G(z)) &lt; -1, raw outputs)");
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

    @Test
    void aComparisonMarksOnlyTheBestFdOfAllRunsAndTablesEachRunsBest(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.in(tmp.resolve("00000-a")).fd(40.0, 30.0).write();
        Path b = SyntheticRun.in(tmp.resolve("00001-b")).fd(20.0, 25.0).write();
        Path c = SyntheticRun.in(tmp.resolve("00002-c")).fd().write();

        String html = Files.readString(RunReport.compare(List.of(a, b, c), tmp.resolve("compare.html")));

        assertThat(html.split("data-marker=", -1)).as("one marker").hasSize(2);
        assertThat(html).contains("data-marker=\"best: 00001-b, it 100\"").contains("<th>best FD</th>")
                .contains("<td class=\"best-fd\">30 (it 200)</td>").contains("<td class=\"best-fd\">20 (it 100)</td>")
                .contains("<td class=\"best-fd\"></td>");
    }

    @Test
    void aConditionalRunsPageNamesItsClassesAndShowsTheirScores(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).conditional("cat", "dog", "bird").write();

        String html = Files.readString(RunReport.write(run));

        assertThat(html).contains("<dt>model</dt><dd>class-conditional: G(z, y) and D(x, y)</dd>")
                .contains("<dt>classes</dt><dd>3: cat, dog, bird</dd>")
                .contains("<dt>fake classes</dt><dd>uniform (1/K each)</dd>");
        assertThat(seriesPoints(html, "quality-agreement")).containsExactly("class agreement=2");
        assertThat(figure(html, "quality-agreement")).contains("data-y=\"50.0%,75.0%\"");
        assertThat(seriesPoints(html, "quality-fd")).containsExactly("FD=2", "mean intra-FD=2");
        String table = html.substring(html.indexOf("<table class=\"per-class\""), html.indexOf("</table>",
                html.indexOf("<table class=\"per-class\"")));
        assertThat(table).contains("data-rows=\"3\"")
                .contains("<th>agreement</th><th>real agreement</th><th>intra-FD</th>")
                .contains("<tr><td>cat</td><td>0.0%</td><td>90.0%</td><td>60</td><td>10</td><td>20</td></tr>")
                .contains("<tr><td>dog</td><td>33.3%</td><td>80.0%</td><td>61</td>")
                .contains("<tr><td>bird</td><td>66.7%</td><td>70.0%</td><td>-</td>");
        assertThat(Pattern.compile("<tr><td>").matcher(table).results().count()).isEqualTo(3);
        assertThat(html).contains("Per class, evaluation at iteration 200");
    }

    @Test
    void anAcganRunShowsItsClassHeadsAccuraciesAndSummarisesThem(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).auxClassifier("cat", "dog").write();

        String html = Files.readString(RunReport.write(run));

        assertThat(seriesPoints(html, "class-accuracy")).containsExactly("real images=10", "G&#39;s images=10");
        assertThat(figure(html, "class-accuracy")).contains("data-y=\"5.0%,10.0%,15.0%,20.0%,25.0%,30.0%,35.0%,"
                + "40.0%,45.0%,50.0%\"");
        assertThat(html).contains("D&#39;s class head (ACGAN) filed 50.0% of real images and 25.0% of G&#39;s images "
                + "under their class by iteration 200 (5.0% and 2.5% at iteration 20).");
        String projectionOnly = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("p"))
                .conditional("cat", "dog").write()));
        assertThat(projectionOnly).doesNotContain("class-accuracy").doesNotContain("class head");
    }

    @Test
    void aConditionalRunsGridsHaveARowPerClassNamedAtExactPixels(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).conditional("cat", "dog", "bird").grids(2).write();

        String html = Files.readString(RunReport.write(run));

        // The stepper's stack and the final grid, each with the three names beside its rows.
        assertThat(Pattern.compile("<ol class=\"row-labels\" data-rows=\"3\"").matcher(html).results().count())
                .isEqualTo(2);
        assertThat(html).contains("<li style=\"flex: 10 0 0\">cat</li><li style=\"flex: 10 0 0\">dog</li>"
                + "<li style=\"flex: 10 0 0\">bird</li>").contains("a row per class");
        BufferedImage last = embeddedImages(html).get(2);
        // Three rows of 8 px tiles with 2 px gaps: training's 11x enlargement is undone, as for 8x8 grids.
        assertThat(last.getWidth()).isEqualTo(SyntheticRun.EXACT_GRID);
        assertThat(last.getHeight()).isEqualTo(3 * 8 + 4 * 2);
    }

    @Test
    void anUnconditionalRunHasNoClassParts(@TempDir Path tmp) throws Exception {
        String html = Files.readString(RunReport.write(SyntheticRun.in(tmp.resolve("run")).write()));

        assertThat(html).doesNotContain("<dt>classes</dt>").doesNotContain("quality-agreement")
                .doesNotContain("per-class\"").doesNotContain("row-labels\" data-rows")
                .doesNotContain("mean intra-FD");
    }

    @Test
    void aComparisonShowsClassAgreementBesideFdWhenARunHasIt(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.in(tmp.resolve("00000-a")).conditional("cat", "dog").write();
        Path b = SyntheticRun.in(tmp.resolve("00001-b")).write();

        String html = Files.readString(RunReport.compare(List.of(a, b), tmp.resolve("compare.html")));

        assertThat(seriesPoints(html, "quality-fd")).containsExactly("00000-a=2", "00001-b=2");
        assertThat(seriesPoints(html, "quality-agreement")).as("b has no class agreement").containsExactly("00000-a=2");
        String twoUnconditional = Files.readString(RunReport.compare(List.of(b, SyntheticRun.in(tmp.resolve("c"))
                .write()), tmp.resolve("compare2.html")));
        assertThat(twoUnconditional).doesNotContain("quality-agreement");
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
