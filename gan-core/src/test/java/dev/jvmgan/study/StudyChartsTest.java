package dev.jvmgan.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvmgan.config.ActivationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyChartsTest {
    /**
     * A side with several learning rates planned and none finished, as in a full study trained a variant at a time:
     * its FD chart has a logarithmic x-axis, which refused the "no finished runs yet" line at x = 0 and failed the
     * whole study's pages after its training.
     */
    @Test
    void fdChartOfASideWithNoFinishedRunOverSeveralLearningRatesIsWritten(@TempDir Path tmp) throws Exception {
        List<CellRow> rows = List.of(
                notRun(new Cell(Variant.MLP4, Cell.Side.G, ActivationType.SILU, 2e-4, 1, 1500, 2000)),
                notRun(new Cell(Variant.MLP4, Cell.Side.G, ActivationType.SILU, 2e-2, 1, 1500, 2000)),
                new CellRow(new Cell(Variant.MLP4, Cell.Side.G, ActivationType.ELU, 5e-3, 2, 1500, 2000),
                        Optional.of(tmp.resolve("runs/x")), CellRecords.State.FAILED, Optional.empty()));
        Path chart = StudyCharts.fd(rows, Variant.MLP4, Cell.Side.G, tmp);
        assertThat(chart).exists();
        assertThat(ImageIO.read(Files.newInputStream(chart)).getWidth()).isPositive();
    }

    /** One breakdown (FD 184 against 8 to 30 elsewhere) puts the FD axis on a logarithmic scale; close FDs do not. */
    @Test
    void fdAxisIsLogarithmicOnlyWhenTheMediansSpanMoreThanTenfold(@TempDir Path tmp) throws Exception {
        List<CellRow> close = List.of(
                finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.SILU, 2e-4, 1, 1500, 2000), 25.0),
                finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.SILU, 2e-2, 1, 1500, 2000), 12.0),
                finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.ELU, 2e-2, 1, 1500, 2000), 30.0));
        assertThat(StudyCharts.fdChart(close, Variant.DCGAN, Cell.Side.D).getStyler().isYAxisLogarithmic()).isFalse();

        List<CellRow> broke = new java.util.ArrayList<>(close);
        // The median of seeds 184 and 8 is 96: 96 / 12 = 8, under the span; a second broken seed makes it 184.
        broke.add(finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.GELU, 2e-2, 1, 1500, 2000), 184.0));
        broke.add(finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.GELU, 2e-2, 2, 1500, 2000), 8.0));
        assertThat(StudyCharts.fdChart(broke, Variant.DCGAN, Cell.Side.D).getStyler().isYAxisLogarithmic()).isFalse();
        broke.add(finished(new Cell(Variant.DCGAN, Cell.Side.D, ActivationType.GELU, 2e-2, 3, 1500, 2000), 184.0));
        var chart = StudyCharts.fdChart(broke, Variant.DCGAN, Cell.Side.D);
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(chart.getStyler().isYAxisLogarithmicDecadeOnly()).as("labels between the powers of ten").isFalse();
        assertThat(chart.getYAxisTitle()).contains("logarithmic");
        Path png = StudyCharts.fd(broke, Variant.DCGAN, Cell.Side.D, tmp);
        assertThat(ImageIO.read(Files.newInputStream(png)).getWidth()).isPositive();
    }

    @Test
    void logarithmicNeedsPositiveFdsMoreThanTenfoldApart() {
        assertThat(StudyCharts.logarithmic(List.of(5.0, 50.0))).isFalse();
        assertThat(StudyCharts.logarithmic(List.of(5.0, 50.5))).isTrue();
        assertThat(StudyCharts.logarithmic(List.of(0.0, 50.0))).isFalse();
        assertThat(StudyCharts.logarithmic(List.of())).isFalse();
    }

    private static CellRow finished(Cell cell, double fd) {
        CellResult.LayerTrace trace = new CellResult.LayerTrace("D", "act1", "silu", List.of(1500L), List.of(0.0), 0,
                64, 0.5);
        CellResult result = new CellResult(1500, 1, List.of(trace), java.util.OptionalDouble.of(fd), 2000, "abc",
                0.1);
        return new CellRow(cell, Optional.of(Path.of("runs", cell.runName())), CellRecords.State.FINISHED,
                Optional.of(result));
    }

    private static CellRow notRun(Cell cell) {
        return new CellRow(cell, Optional.empty(), null, Optional.empty());
    }
}
