package dev.jvmgan.study;

import dev.jvmgan.report.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * study.html of the synthetic study ({@link StudyHtmlTest#syntheticStudy}) in Debian's headless Chromium: no page
 * error (exception, console.error, blocked or failed load), every chart image decodes, the heat tables have their
 * coloured and marked cells, and a full-page screenshot goes to {@code target/study-page.png}. Skipped, with the
 * reason, where Chromium is not installed (outside CI).
 */
class StudyPageInBrowserTest {
    private static final String PROBLEMS = """
            var problems = [];
            Array.prototype.forEach.call(document.images, function (img) {
              if (!img.complete || img.naturalWidth === 0) { problems.push('image did not decode: ' + img.alt); }
            });
            document.querySelectorAll('table.heat td[data-value]').forEach(function (td) {
              var bg = getComputedStyle(td).backgroundColor;
              if (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent') {
                problems.push('uncoloured cell ' + td.dataset.activation + ' ' + td.dataset.lr);
              }
            });
            return problems;""";

    @Test
    void thePageLoadsCleanlyWithItsChartsAndTables(@TempDir Path tmp) throws Exception {
        Path out = StudyHtmlTest.syntheticStudy(tmp.resolve("study"));
        StudySummary.write(StudyHtmlTest.plan(), out, line -> { });
        try (Browser browser = Browser.startOrSkip(tmp.resolve("profile"))) {
            browser.open(out.resolve(StudySummary.HTML));

            assertThat(browser.errors()).as("errors on the page").isEmpty();
            assertThat(browser.script(PROBLEMS)).as("images and heat cells").isEqualTo(List.of());
            assertThat(count(browser, "img")).as("the dead-units and the FD chart").isEqualTo(2);
            assertThat(count(browser, "table.heat")).as("dead fraction and FD").isEqualTo(2);
            assertThat(count(browser, "table.heat td[data-state=finished]")).as("relu and selu, twice").isEqualTo(4);
            assertThat(count(browser, "table.heat td[data-state=broke]")).isEqualTo(2);
            assertThat(count(browser, "table.heat td[data-state=pending]")).isEqualTo(2);
            // The failed seed is named in its cell, and the cell's link reaches the other seed's report.
            assertThat(browser.script("return document.querySelector('table.heat td[data-activation=selu] .mark')"
                    + ".textContent;")).isEqualTo("s2 failed");
            Path shot = Path.of("target", "study-page.png");
            browser.screenshot(shot, 1280);
            assertThat(shot).isNotEmptyFile();
        }
    }

    private static long count(Browser browser, String selector) {
        return (Long) browser.script("return document.querySelectorAll('" + selector + "').length;");
    }
}
