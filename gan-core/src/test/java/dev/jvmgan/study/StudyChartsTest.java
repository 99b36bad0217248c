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

    private static CellRow notRun(Cell cell) {
        return new CellRow(cell, Optional.empty(), null, Optional.empty());
    }
}
