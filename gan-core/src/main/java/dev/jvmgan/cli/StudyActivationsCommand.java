package dev.jvmgan.cli;

import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.console.StatusLine;
import dev.jvmgan.eval.DomainClassifier;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.study.Cell;
import dev.jvmgan.study.StudyEvaluator;
import dev.jvmgan.study.StudyException;
import dev.jvmgan.study.StudyPlan;
import dev.jvmgan.study.StudyRunner;
import dev.jvmgan.study.StudySummary;
import dev.jvmgan.study.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code gan study activations [--quick]}: the dying-ReLU study ({@link StudyPlan}), trained into one directory,
 * resumable, with {@code study.html} (the whole study on one page), {@code study.tsv}, {@code study.md}, charts and
 * comparison pages; {@code --report} writes those again from the runs alone.
 */
@Command(name = "activations", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The activation study: each activation of the Leaky ReLU family in D and, separately, in G, at",
                "learning rates from DCGAN's 2e-4 to 2e-2, in the DCGAN with and without batch norm and a deep MLP",
                "without it, two seeds each; per cell the dead and never-positive units per layer over time, the FD",
                "at the end and the time per iteration. Run it again to continue: finished cells are skipped.",
                "--quick: the deep MLP at lr 5e-3, every activation in D, two seeds (16 runs)."},
        footer = {"", "Examples:",
                "  gan study activations --quick",
                "  gan study activations --list",
                "  gan study activations --variant mlp4      # the full study a variant at a time",
                "  OMP_NUM_THREADS=1 gan study activations --shard 1/2 &  OMP_NUM_THREADS=1 gan study activations "
                        + "--shard 2/2",
                "  gan study activations --quick --report     # study.html and the rest, from the runs",
                "  gan study activations --out outputs/my-study"})
final class StudyActivationsCommand implements Callable<Integer> {
    static final Path DEFAULT_OUT = Path.of("outputs", "study-activations");
    static final Path DEFAULT_QUICK_OUT = Path.of("outputs", "study-activations-quick");

    @Option(names = "--quick", description = "The quick subset (16 runs of the deep MLP), instead of the full study")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "The study's directory (default "
            + "outputs/study-activations, with --quick outputs/study-activations-quick)")
    Path out;

    @Option(names = "--configs", paramLabel = "DIR", description = "Where fashion-dcgan.yaml and "
            + "fashion-mlp-deep.yaml are (default: configs)")
    Path configs = Path.of("configs");

    @Option(names = "--list", description = "List the runs and which are done; train nothing")
    boolean list;

    @Option(names = "--report", description = "Write study.html, study.md, study.tsv, the charts and the comparison "
            + "pages again from the runs in the study's directory; train nothing")
    boolean report;

    @Option(names = "--variant", paramLabel = "NAME", split = ",", description = "Train only these variants of the "
            + "full study (dcgan, dcgan-nobn, mlp4; repeat or comma-separate); the others are left as they are and the "
            + "pages still show the whole study")
    List<String> variantNames;

    @Option(names = "--shard", paramLabel = "K/N", description = "Train only every N-th run, starting at the K-th, "
            + "so N processes with shards 1/N to N/N train one study side by side (run --report when all are done)")
    String shardText;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where feature networks are kept (default "
            + "$GAN_CACHE_DIR/extractors, else ~/.cache/jvm-gan/extractors)")
    Path cacheDir;

    @Override
    public Integer call() throws IOException {
        StudyPlan plan = quick ? StudyPlan.quick() : StudyPlan.full();
        Path dir = out != null ? out : quick ? DEFAULT_QUICK_OUT : DEFAULT_OUT;
        if (list && report) {
            throw new UserInputException("--list and --report: give one (--list says which runs are done, --report "
                    + "writes the study's pages from them)", null);
        }
        if (report && !Files.isDirectory(dir.resolve(StudyRunner.RUNS))) {
            throw new UserInputException("--report: " + dir + " holds no study (no " + StudyRunner.RUNS + "/ in it); "
                    + "give the study's directory with --out" + (quick ? "" : ", add --quick for the quick study's")
                    + ", or run gan study activations" + (quick ? " --quick" : "") + " first", null);
        }
        Set<Variant> variants = variants();
        checkConfigs(plan);
        OutputPaths.directory("--out", dir);
        ExtractorCache cache = new ExtractorCache(cacheDir != null ? cacheDir : ExtractorCache.defaultDirectory());
        StudyRunner runner = new StudyRunner(plan, dir, configs,
                data -> StudyEvaluator.open(data, cache, DomainClassifier.Settings.DEFAULT), TrainCommand.rules())
                .trainOnly(variants);
        if (shardText != null) {
            int[] kn = shard(shardText);
            runner.shard(kn[0], kn[1]);
        }
        try {
            if (list) {
                List<StudyRunner.Planned> planned = runner.prepare();
                System.out.printf("study %s: %d cells, %d distinct runs, %d done, into %s%n", plan.name(),
                        plan.cells().size(), planned.size(), planned.stream().filter(StudyRunner.Planned::done)
                                .count(), dir);
                for (StudyRunner.Planned p : planned) {
                    Cell c = p.cell();
                    System.out.printf("%-10s %-36s %s %s lr %s seed %d, %d iterations, FD of %d images%n",
                            p.state() == null ? "not run" : p.state().name().toLowerCase(java.util.Locale.ROOT),
                            c.runName(), c.variant().label(), c.base() ? "base (D " + Cell.name(c.variant()
                                    .defaultActivation(Cell.Side.D)) + ", G " + Cell.name(c.variant()
                                    .defaultActivation(Cell.Side.G)) + ")" : c.side() + " "
                                    + Cell.name(c.activation()), Cell.lrText(c.lr()), c.seed(), c.iterations(),
                            c.evalImages());
                }
                return GanCli.OK;
            }
            if (report) {
                // prepare() refuses a directory of another plan's runs (the quick study's under the full plan).
                runner.prepare();
                StudySummary.write(plan, dir, System.out::println);
                return GanCli.OK;
            }
            NativeBackend.initialise();
            try (StopOnSignals signals = StopOnSignals.install(runner::requestStop,
                    StatusLine.stderr().printStream())) {
                runner.run(System.out::println);
            }
        } catch (StudyException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (runner.stopped()) {
            System.out.println("stopped; run the same command again to continue the study");
            return GanCli.INTERRUPTED;
        }
        return GanCli.OK;
    }

    /** The variants {@code --variant} names, every one without it; an unknown name is a usage error. */
    private Set<Variant> variants() {
        if (variantNames == null || variantNames.isEmpty()) {
            return EnumSet.allOf(Variant.class);
        }
        String known = Arrays.stream(Variant.values()).map(Variant::label).collect(Collectors.joining(", "));
        if (quick) {
            throw new UserInputException("--variant is for the full study; --quick has one variant, mlp4 (drop "
                    + "--variant, or drop --quick to train the full study's " + known + " a variant at a time)", null);
        }
        Set<Variant> out = EnumSet.noneOf(Variant.class);
        for (String name : variantNames) {
            out.add(Arrays.stream(Variant.values()).filter(v -> v.label().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new UserInputException("--variant " + name + ": no such variant; the study's "
                            + "variants are " + known, null)));
        }
        return out;
    }

    /** {@code --shard K/N} as {@code {K, N}}; anything but {@code 1 <= K <= N} is a usage error. */
    static int[] shard(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*")
                .matcher(text);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (k >= 1 && k <= n) {
                return new int[] {k, n};
            }
        }
        throw new UserInputException("--shard " + text + ": give K/N with 1 <= K <= N, e.g. --shard 1/2 in one "
                + "process and --shard 2/2 in another", null);
    }

    /** Both base configs must be there before anything runs; a study is usually started from the project root. */
    private void checkConfigs(StudyPlan plan) {
        if (!Files.isDirectory(configs)) {
            throw new UserInputException("--configs " + configs + ": " + (Files.exists(configs) ? "is a file"
                    : "does not exist") + "; run from the project's root (where configs/ is) or give --configs DIR",
                    null);
        }
        plan.cells().stream().map(c -> c.variant().configFile()).distinct().forEach(file -> {
            if (!Files.isRegularFile(configs.resolve(file))) {
                throw new UserInputException("--configs " + configs + " has no " + file + ", the study's base config"
                        + " of that variant; give the directory of the toolkit's configs (--configs path/to/configs)",
                        null);
            }
        });
    }
}
