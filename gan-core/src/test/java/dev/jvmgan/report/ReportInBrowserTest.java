package dev.jvmgan.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report in a real browser (Debian's headless Chromium, through Selenium): it loads with no error, every image
 * decodes, every chart draws its series, the grid stepper and the chart read-out work. Screenshots go to
 * {@code target/report-screenshot.png} and {@code target/report-compare-screenshot.png}. Skipped, with the reason,
 * where Chromium is not installed (outside CI).
 */
class ReportInBrowserTest {
    /** Per image and chart, what is wrong with the page; empty for a good page. */
    private static final String PROBLEMS = """
            var problems = [];
            Array.prototype.forEach.call(document.images, function (img) {
              if (!img.complete || img.naturalWidth === 0) { problems.push('image did not decode: ' + img.alt); }
            });
            document.querySelectorAll('figure[data-chart]').forEach(function (f) {
              var id = f.dataset.chart;
              if (f.classList.contains('heatmap')) {
                if (f.querySelectorAll('rect.cell').length === 0) { problems.push('heatmap without cells: ' + id); }
                return;
              }
              var drawn = Array.prototype.filter.call(f.querySelectorAll('.series'), function (s) {
                if (s.tagName === 'path') { return s.getTotalLength() > 0; }
                return s.tagName === 'circle' || s.querySelectorAll('circle').length > 0;
              }).length;
              if (drawn === 0) { problems.push('chart without series: ' + id); }
              if (String(drawn) !== f.dataset.seriesCount) {
                problems.push('chart ' + id + ' drew ' + drawn + ' of ' + f.dataset.seriesCount + ' series');
              }
            });
            return problems;""";

    private static Browser browser;

    @BeforeAll
    static void start(@TempDir Path profile) {
        browser = Browser.startOrSkip(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theRunPageLoadsCleanlyAndEveryImageAndChartIsThere(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("00000-synthetic")).write();
        browser.open(RunReport.write(run));

        assertThat(browser.errors()).as("errors on the page").isEmpty();
        assertThat(problems()).as("images and charts").isEmpty();
        assertThat(count("img")).as("3 steps and the final grid").isEqualTo(4);
        assertThat(count("figure.chart")).isEqualTo(8);
        assertThat(count("figure.heatmap")).isEqualTo(4);
        browser.screenshot(Path.of("target", "report-screenshot.png"), 1280);
        assertThat(Path.of("target", "report-screenshot.png")).isNotEmptyFile();
    }

    @Test
    void theStepperStepsThroughTheGridsAndTheChartsReadOut(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("run")).grids(3).write();
        browser.open(RunReport.write(run));
        WebElement label = browser.driver().findElement(By.cssSelector(".stepper .label"));
        assertThat(label.getText()).isEqualTo("iteration 67 (1 of 3)");
        assertThat(visibleSteps()).containsExactly("67");

        browser.driver().findElement(By.cssSelector(".stepper .next")).click();
        browser.driver().findElement(By.cssSelector(".stepper .next")).click();
        browser.driver().findElement(By.cssSelector(".stepper .next")).click();

        assertThat(visibleSteps()).as("stops at the last").containsExactly("200");
        assertThat(label.getText()).isEqualTo("iteration 200 (3 of 3)");

        WebElement losses = browser.driver().findElement(By.cssSelector("figure[data-chart=losses] svg.plot"));
        new Actions(browser.driver()).scrollToElement(losses).moveToElement(losses).perform();
        assertThat(browser.driver().findElement(By.cssSelector("figure[data-chart=losses] .readout")).getText())
                .matches("it \\d+: D loss [0-9.]+, G loss [0-9.]+");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void theComparisonPageLoadsCleanlyWithEveryRunOverlaid(@TempDir Path tmp) throws Exception {
        Path a = SyntheticRun.in(tmp.resolve("00000-a")).write();
        Path b = SyntheticRun.in(tmp.resolve("00001-b")).yaml("output: {logEvery: 20}\n").fd(90.0, 40.0).write();
        RunReport.write(a);
        RunReport.write(b);
        browser.open(RunReport.compare(List.of(a, b), tmp.resolve("compare.html")));

        assertThat(browser.errors()).isEmpty();
        assertThat(problems()).isEmpty();
        assertThat(browser.script("return document.querySelectorAll('figure[data-chart=d-loss] .series').length"))
                .isEqualTo(2L);
        browser.screenshot(Path.of("target", "report-compare-screenshot.png"), 1280);

        browser.driver().findElement(By.linkText("00001-b")).click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("00001-b/report.html");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConditionalRunsPageLoadsCleanlyWithEachClassNameBesideItsRow(@TempDir Path tmp) throws Exception {
        Path run = SyntheticRun.in(tmp.resolve("00000-conditional")).conditional("cat", "dog", "bird").write();
        browser.open(RunReport.write(run));

        assertThat(browser.errors()).isEmpty();
        assertThat(problems()).isEmpty();
        assertThat(count("figure[data-chart=quality-agreement] .series")).isEqualTo(1);
        assertThat(count("table.per-class tbody tr")).isEqualTo(3);
        // Where each name's centre falls in the final grid, in the grid's exact pixels (3 rows of 8 px tiles with
        // 2 px gaps: 32 px); class k's tile and the gap under it span 2 + 10k to 12 + 10k.
        List<Number> centres = (List<Number>) browser.script("""
                var fig = document.querySelector('#samples .grids > figure:last-child');
                var box = fig.querySelector('img.final').getBoundingClientRect();
                return Array.prototype.map.call(fig.querySelectorAll('.row-labels li:not([aria-hidden])'),
                  function (li) { var b = li.getBoundingClientRect(); return ((b.top + b.bottom) / 2 - box.top)
                    / box.height * 32; });""");
        assertThat(centres).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(centres.get(k).doubleValue()).as("class %d", k).isBetween(2.0 + 10 * k, 12.0 + 10 * k);
        }
        browser.screenshot(Path.of("target", "report-conditional-screenshot.png"), 1280);
    }

    /** The checks fail for the right reasons: a broken image, an empty chart and a throwing script are all seen. */
    @Test
    void theChecksSeeABrokenPage(@TempDir Path tmp) throws Exception {
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img alt=\"broken\" src=\"data:image/png;base64,AAAA\">"
                + "<figure class=\"chart\" data-chart=\"empty\" data-series-count=\"1\"><svg></svg></figure>"
                + "<script>null.boom();</script></body></html>");
        browser.open(page);

        assertThat(problems()).contains("image did not decode: broken", "chart without series: empty");
        assertThat(String.join("\n", browser.errors())).contains("boom");
    }

    @SuppressWarnings("unchecked")
    private static List<String> problems() {
        return new ArrayList<>((List<String>) browser.script(PROBLEMS));
    }

    private static long count(String css) {
        return (Long) browser.script("return document.querySelectorAll('" + css + "').length");
    }

    @SuppressWarnings("unchecked")
    private static List<String> visibleSteps() {
        return (List<String>) browser.script("return Array.prototype.filter.call(document.querySelectorAll("
                + "'img.step'), function (i) { return !i.hidden; }).map(function (i) { return i.dataset.iteration; });");
    }

}
