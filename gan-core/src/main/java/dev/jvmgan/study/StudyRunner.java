package dev.jvmgan.study;

import dev.jvmgan.config.ConfigDiff;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.ConfigRule;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.run.TrainingRun;
import dev.jvmgan.train.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains a study's runs one after another into {@code <out>/runs/}, each a normal run directory, skipping those that
 * finished before: a study stopped (Ctrl-C, a crash, a reboot) is continued by running the same command again. A run
 * that started but did not finish is removed and trained again whole (a cell is minutes; its partial records would
 * only mix two processes' timings). All runs are scored at their last iteration by one shared {@link Evaluator},
 * prepared when the first run needs it.
 *
 * <pre>{@code
 * StudyRunner runner = new StudyRunner(StudyPlan.quick(), Path.of("outputs/study-quick"), Path.of("configs"),
 *         data -> StudyEvaluator.open(data, cache, DomainClassifier.Settings.DEFAULT), rules);
 * runner.run(System.out::println);
 * }</pre>
 */
public final class StudyRunner {
    /** Where the runs go, under the study's directory. */
    public static final String RUNS = "runs";
    private static final Logger log = LoggerFactory.getLogger(StudyRunner.class);
    /** {@code GAN_DEBUG=1}: a cell's failure other than divergence is a bug to trace, so its stack trace is logged. */
    private static final boolean DEBUG = Boolean.getBoolean("gan.debug");

    /** Builds the shared evaluator of the runs' data (it may train the feature network). */
    @FunctionalInterface
    public interface EvaluatorSource {
        Evaluator open(DataConfig data) throws IOException;
    }

    /**
     * A distinct run of the plan, its config resolved, with what its directory holds.
     *
     * @param existing the run directory, if there is one
     * @param state    what it holds; null without one
     */
    public record Planned(Cell cell, RunConfig config, Optional<Path> existing, CellRecords.State state) {
        /** Finished, or broke: either way nothing to train again. */
        public boolean done() {
            return state == CellRecords.State.FINISHED || state == CellRecords.State.BROKE;
        }
    }

    private final StudyPlan plan;
    private final Path out;
    private final Path configs;
    private final EvaluatorSource evaluators;
    private final List<ConfigRule> rules;
    private Set<Variant> variants = Set.of(Variant.values());
    private int shard = 1;
    private int shards = 1;
    private volatile boolean stopRequested;
    private volatile TrainingRun current;
    private Evaluator evaluator;

    public StudyRunner(StudyPlan plan, Path out, Path configs, EvaluatorSource evaluators, List<ConfigRule> rules) {
        this.plan = plan;
        this.out = out;
        this.configs = configs;
        this.evaluators = evaluators;
        this.rules = List.copyOf(rules);
    }

    /**
     * Trains only the runs of these variants; the others are left as they are (skipped if done, else not run) and
     * the summary is still of the whole plan, so a long study can be run a variant at a time into one directory.
     */
    public StudyRunner trainOnly(Set<Variant> selected) {
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no variant to train");
        }
        variants = Set.copyOf(selected);
        return this;
    }

    /**
     * Trains only shard {@code k} of {@code n}: the distinct runs whose place in the plan (counting from 1) is
     * {@code k} modulo {@code n}, so {@code n} processes given shards 1 to {@code n} of one directory train disjoint
     * runs side by side. The other shards' runs are left as they are, unfinished ones included (another process may
     * be training them). The assignment depends on the plan alone, never on which runs are done.
     */
    public StudyRunner shard(int k, int n) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("shard " + k + "/" + n + ": need 1 <= k <= n");
        }
        shard = k;
        shards = n;
        return this;
    }

    /** Whether the run at this place in the plan (from 1) is this runner's shard's. */
    boolean ownsPlace(int place) {
        return (place - 1) % shards == shard - 1;
    }

    public Path runsRoot() {
        return out.resolve(RUNS);
    }

    /**
     * Every distinct run with its resolved config and state, without training anything.
     *
     * @throws dev.jvmgan.config.ConfigException if a base config is missing or an override does not apply
     * @throws StudyException if a run directory holds a run of another config (another study's, or an older plan's)
     */
    public List<Planned> prepare() throws IOException {
        List<Planned> planned = new ArrayList<>();
        for (Cell cell : plan.runs()) {
            RunConfig config = ConfigLoader.load(configs.resolve(cell.variant().configFile()),
                    cell.overrides(runsRoot()), rules);
            Optional<Path> existing = CellRecords.find(runsRoot(), cell.runName());
            if (existing.isPresent()) {
                requireSameConfig(existing.get(), config);
            }
            CellRecords.State state = existing.isPresent() ? CellRecords.state(existing.get(), cell.iterations())
                    : null;
            planned.add(new Planned(cell, config, existing, state));
        }
        List<DataConfig> data = planned.stream().map(p -> p.config().data()).distinct().toList();
        if (data.size() != 1) {
            throw new StudyException("the study's base configs train on different data (" + data.stream()
                    .map(DataConfig::path).distinct().collect(Collectors.joining(", ")) + "); its scores compare only "
                    + "under one feature network: give both configs the same data.path");
        }
        return planned;
    }

    /**
     * Trains every run not finished yet, then writes the summary ({@link StudySummary}).
     *
     * @param say one line per run for people: skipped, trained, where
     * @return the rows of every cell, as the summary read them
     */
    public List<CellRow> run(Consumer<String> say) throws IOException {
        List<Planned> planned = prepare();
        long done = planned.stream().filter(Planned::done).count();
        say.accept(String.format("study %s: %d cells, %d distinct runs, %d done before, into %s", plan.name(),
                plan.cells().size(), planned.size(), done, out));
        int index = 0;
        for (Planned p : planned) {
            index++;
            String where = "[" + index + "/" + planned.size() + "] " + p.cell().runName();
            if (p.done()) {
                say.accept(where + ": " + (p.state() == CellRecords.State.BROKE ? "broke before ("
                        + CellRecords.outcome(p.existing().orElseThrow()) + ")" : "finished before") + ", skipped ("
                        + p.existing().orElseThrow() + ")");
                continue;
            }
            if (!variants.contains(p.cell().variant())) {
                say.accept(where + ": " + p.cell().variant().label() + " not selected, left "
                        + (p.existing().isPresent() ? "unfinished" : "not run"));
                continue;
            }
            if (!ownsPlace(index)) {
                say.accept(where + ": shard " + ((index - 1) % shards + 1) + "/" + shards + "'s, left to it");
                continue;
            }
            if (stopRequested) {
                break;
            }
            if (p.existing().isPresent()) {
                say.accept(where + ": removing the " + (p.state() == CellRecords.State.FAILED ? "failed run ("
                        + CellRecords.outcome(p.existing().get()) + ") " : "unfinished run ") + p.existing().get()
                        + "; it is trained again");
                deleteTree(p.existing().get());
            }
            say.accept(where + ": training " + p.cell().iterations() + " iterations");
            TrainingRun run = new TrainingRun(p.config(), false)
                    .withSharedEvaluator(evaluator(p.config().data()));
            current = run;
            if (stopRequested) {
                run.requestStop();
            }
            try {
                Path dir = run.run();
                say.accept(where + (run.stopped() ? ": stopped at iteration " + run.iterationsDone()
                        + "; run the study again to train it whole" : ": done, " + dir));
            } catch (RuntimeException broke) {
                // A learning rate past where training works is a result, not a failure of the study: its run.json
                // says "failed: ..." and the tables report it as broken. Any other failure is reported as failed
                // and the cell trained again next time; the study goes on with the other cells either way.
                boolean diverged = broke instanceof TrainingDivergedException;
                say.accept(where + (diverged ? ": training broke at iteration " : ": failed at iteration ")
                        + run.iterationsDone() + ": " + broke.getMessage()
                        + (diverged || DEBUG ? "" : " (GAN_DEBUG=1 prints its stack trace)"));
                if (!diverged && DEBUG) {
                    log.error("{} failed", p.cell().runName(), broke);
                }
            } finally {
                current = null;
            }
        }
        return StudySummary.write(plan, out, say);
    }

    /** Asks the run in progress to stop after its iteration, and the study not to start another. Any thread. */
    public void requestStop() {
        stopRequested = true;
        TrainingRun run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /** Whether {@link #requestStop()} was called. */
    public boolean stopped() {
        return stopRequested;
    }

    private Evaluator evaluator(DataConfig data) throws IOException {
        if (evaluator == null) {
            long started = System.nanoTime();
            evaluator = evaluators.open(data);
            log.info("{}; ready in {} s", evaluator.extractor().describe(),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        return evaluator;
    }

    private void requireSameConfig(Path runDirectory, RunConfig requested) throws IOException {
        Path file = runDirectory.resolve(TrainingRun.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            return; // a run killed before it wrote its config: nothing of it is kept
        }
        RunConfig saved = ConfigLoader.parse(Files.readString(file), file.toString(), requested.name(), List.of(),
                List.of());
        // The runs root is where the study directory is now; it may have been moved since.
        List<ConfigDiff.Change> changes = ConfigDiff.between(saved, requested).stream()
                .filter(c -> !c.key().equals("output.runsRoot")).toList();
        if (!changes.isEmpty()) {
            throw new StudyException(runDirectory + " is a run of another config than this study's cell of the same "
                    + "name: " + changes.stream().map(ConfigDiff.Change::toString).collect(Collectors.joining("; "))
                    + ". Give the study another output directory (--out), or remove " + out
                    + " to start it afresh");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
