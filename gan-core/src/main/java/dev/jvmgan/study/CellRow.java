package dev.jvmgan.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cell with what its run directory holds: nothing yet, an unfinished run, a finished one and its figures, or
 * one whose training broke or failed and the figures up to there.
 *
 * @param run    the run directory, if one exists
 * @param state  its state; null without a run
 * @param result the figures of a finished, broken or failed run
 */
public record CellRow(Cell cell, Optional<Path> run, CellRecords.State state, Optional<CellResult> result) {
    public CellRow {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(result, "result");
    }

    /** {@code finished}, {@code broke}, {@code failed}, {@code unfinished} or {@code not run}. */
    public String status() {
        return state == null ? "not run" : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The network whose activation the cell varies, as records name it. */
    public String network() {
        return cell.side().name();
    }

    /** The other network. */
    public String otherNetwork() {
        return cell.side() == Cell.Side.D ? "G" : "D";
    }

    /** Every cell of {@code plan} with its run under {@code runsRoot}, read now. */
    public static List<CellRow> read(StudyPlan plan, Path runsRoot) throws IOException {
        List<CellRow> rows = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            Optional<Path> run = CellRecords.find(runsRoot, cell.runName());
            CellRecords.State state = run.isPresent() ? CellRecords.state(run.get(), cell.iterations()) : null;
            Optional<CellResult> result = state != null && state != CellRecords.State.UNFINISHED
                    ? Optional.of(CellRecords.read(run.get())) : Optional.empty();
            rows.add(new CellRow(cell, run, state, result));
        }
        return rows;
    }
}
