package dev.jvmgan.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The layers x checks heatmap: a cell per value, geometric means once there are too many checks, gaps for none. */
class HeatmapTest {

    @Test
    void oneCellPerLayerAndCheckWithItsValue() {
        String html = new Heatmap("h", "t", List.of("D conv1", "D logit"), new long[]{10, 20},
                new double[][]{{1.0, 100.0}, {Double.NaN, 0.5}}).html();

        assertThat(count(html, "<rect class=\"cell\"")).as("the NaN is a gap").isEqualTo(3);
        assertThat(html).contains("<title>D conv1, it 20: 100</title>").contains("<title>D logit, it 20: 0.5</title>")
                .contains("data-rows=\"2\" data-columns=\"2\"");
    }

    @Test
    void manyChecksAreShownAsGeometricMeansOfNeighbours() {
        int checks = 2 * Heatmap.MAX_COLUMNS;
        long[] iterations = new long[checks];
        double[][] values = new double[1][checks];
        for (int i = 0; i < checks; i++) {
            iterations[i] = 10L * (i + 1);
            values[0][i] = i % 2 == 0 ? 1 : 100; // each pair's geometric mean is 10
        }

        String html = new Heatmap("h", "t", List.of("G fc1"), iterations, values).html();

        assertThat(count(html, "<rect class=\"cell\"")).isEqualTo(Heatmap.MAX_COLUMNS);
        assertThat(html).contains("<title>G fc1, it 10-20 (geometric mean): 10</title>")
                .contains(checks + " checks in " + Heatmap.MAX_COLUMNS + " columns");
    }

    private static long count(String html, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(html).results().count();
    }
}
