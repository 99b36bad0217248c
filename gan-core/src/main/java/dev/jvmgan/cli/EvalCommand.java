package dev.jvmgan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jvmgan.backend.NativeBackend;
import dev.jvmgan.backend.TrainableNetworks;
import dev.jvmgan.cli.EvalSubjects.Subject;
import dev.jvmgan.config.ConfigException;
import dev.jvmgan.config.ConfigLoader;
import dev.jvmgan.config.DataConfig;
import dev.jvmgan.config.RunConfig;
import dev.jvmgan.eval.EvalChart;
import dev.jvmgan.eval.EvalHistory;
import dev.jvmgan.eval.EvalTable;
import dev.jvmgan.eval.Evaluation;
import dev.jvmgan.eval.Evaluator;
import dev.jvmgan.eval.ExtractorCache;
import dev.jvmgan.eval.ExtractorMismatchException;
import dev.jvmgan.eval.PrecisionRecall;
import dev.jvmgan.eval.RealImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code gan eval}: quality scores of checkpoints, or of images from elsewhere, in the feature space of a network
 * trained on the run's own data (see {@link Evaluator} for the protocol). Every score prints its sample counts and
 * the feature network's hash; scores under two feature networks are never put side by side.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a run's latest checkpoint (or every one, with --all), a checkpoint file, or a folder or",
                "IDX file of images against a run config's data: Fréchet distance, KID, precision, recall,",
                "density and coverage, in the features of a network trained on that data (trained once, cached)."},
        footer = {"", "Examples:",
                "  gan eval outputs/00000-fashion-dcgan",
                "  gan eval outputs/00000-fashion-dcgan --all",
                "  gan eval outputs/00000-fashion-dcgan outputs/00001-fashion-dcgan --n 5000 --json",
                "  gan eval my-samples/ --against configs/fashion-dcgan.yaml"})
final class EvalCommand implements Callable<Integer> {
    static final int DEFAULT_COUNT = 10_000;
    static final int MIN_COUNT = 10;
    static final int MAX_COUNT = 50_000;
    static final int MAX_STANDING = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "RUN_OR_CHECKPOINT",
            description = "Run directories (their latest checkpoint), checkpoint .zip files, or with --against folders"
                    + " of images or IDX images files")
    List<Path> paths;

    @Option(names = "--n", paramLabel = "N", description = "Generated images to score, seeds 0 to N-1 (default "
            + DEFAULT_COUNT + ", " + MIN_COUNT + " to " + MAX_COUNT + "); for images from elsewhere, the first N")
    int count = DEFAULT_COUNT;

    @Option(names = "--all", description = "Every checkpoint of each run: a table and a chart (eval.png in the run)")
    boolean all;

    @Option(names = "--against", paramLabel = "CONFIG",
            description = "Score against this config's data instead of each checkpoint's own (needed for folders and"
                    + " IDX files); its image size and channels must match the checkpoints'")
    Path against;

    @Option(names = "--no-ema",
            description = "Score G itself, not its moving average (train.ema), which is the default when the "
                    + "checkpoint has one")
    boolean noEma;

    @Option(names = "--truncation", paramLabel = "PSI", defaultValue = "1",
            description = "Score a checkpoint's images under the truncation trick, z' = PSI * z, as gan sample "
                    + "--truncation draws them; PSI in (0, 1], 1 (the default) is none. Printed, not recorded")
    double psi;

    @Option(names = "--standing-stats", paramLabel = "K", defaultValue = "0",
            description = "Before scoring, recompute G's batch-norm running statistics as the average over K "
                    + "training-mode batches of other latents (BigGAN's standing statistics); 0 (the default) keeps "
                    + "the saved ones. Printed, not recorded")
    int standing;

    @Option(names = "--json", description = "Print the scores as JSON on standard output (progress goes to stderr)")
    boolean json;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where feature networks are kept (default $GAN_CACHE_DIR/extractors, else "
                    + "~/.cache/jvm-gan/extractors)")
    Path cacheDir;

    @Override
    public Integer call() throws IOException {
        if (count < MIN_COUNT || count > MAX_COUNT) {
            throw new UserInputException("--n " + count + " must be between " + MIN_COUNT + " and " + MAX_COUNT
                    + " (the Fréchet distance is biased at small n: compare scores of one n only)", null);
        }
        if (!(psi > 0 && psi <= 1)) {
            throw new UserInputException("--truncation " + psi + " must be in (0, 1]: z' = PSI * z, so 1 is no"
                    + " truncation and smaller values trade variety for typical images", null);
        }
        if (psi != 1 && all) {
            throw new UserInputException("--truncation scores single checkpoints and keeps no record, so it does not go"
                    + " with --all (eval.png charts the run's recorded, untruncated scores): give the checkpoints"
                    + " one by one", null);
        }
        if (standing < 0 || standing > MAX_STANDING) {
            throw new UserInputException("--standing-stats " + standing + " must be between 0 (keep the saved "
                    + "statistics) and " + MAX_STANDING + " batches", null);
        }
        if (standing > 0 && all) {
            throw new UserInputException("--standing-stats scores single checkpoints and keeps no record, so it does"
                    + " not go with --all (eval.png charts the run's recorded scores): give the checkpoints one by one",
                    null);
        }
        List<Subject> subjects = EvalSubjects.resolve(paths, all, against != null);
        if (psi != 1 || standing > 0) {
            for (Subject subject : subjects) {
                if (!subject.checkpoint()) {
                    String option = psi != 1 ? "--truncation " + psi + " changes the latents"
                            : "--standing-stats " + standing + " changes the batch-norm statistics";
                    throw new UserInputException(option + " a checkpoint's generator is given, but " + subject.file()
                            + " holds images: score it without " + option.substring(0, option.indexOf(' ')), null);
                }
            }
        }
        DataConfig againstData = against == null ? null : againstData(subjects);
        // Images from elsewhere are read before any feature network is trained, so a bad folder costs nothing.
        List<RealImages> images = new ArrayList<>();
        for (Subject subject : subjects) {
            images.add(subject.checkpoint() ? null : readImages(subject, againstData));
        }
        NativeBackend.initialise();
        Evaluator evaluator = evaluator(subjects, againstData);
        // A run's eval.jsonl holds untruncated scores of the saved statistics under the run's own data only; the rest
        // are printed, not kept.
        boolean record = againstData == null && psi == 1 && standing == 0;
        Set<Path> runs = new LinkedHashSet<>();
        subjects.stream().filter(s -> s.runDirectory() != null).forEach(s -> runs.add(s.runDirectory()));
        if (record) {
            for (Path run : runs) {
                try {
                    EvalHistory.requireExtractor(run, evaluator.extractor().hash());
                } catch (ExtractorMismatchException e) {
                    throw new UserInputException(e.getMessage(), e);
                }
            }
        }
        PrintStream human = json ? System.err : System.out;
        human.println(evaluator.extractor().describe());
        human.println("reference: " + evaluator.reference().describe());
        List<Evaluation> results = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get(i);
            Evaluation evaluation = subject.checkpoint() ? evaluateCheckpoint(evaluator, subject)
                    : evaluateImages(evaluator, subject, images.set(i, null));
            LOG.info("{}: {} ({} s)", evaluation.subject(), evaluation.scores().summary(),
                    Math.round(evaluation.seconds()));
            if (record && subject.runDirectory() != null) {
                EvalHistory.append(subject.runDirectory(), evaluation);
            }
            results.add(evaluation);
        }
        List<Path> charts = all ? charts(runs, subjects, results, record, evaluator.extractor().shortHash())
                : List.of();
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            results.forEach(e -> array.add(e.toJson(JSON)));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            System.out.println();
            System.out.print(all && runs.size() == 1 ? EvalTable.byIteration(results) : EvalTable.bySubject(results));
            for (Evaluation e : results) {
                if (e.classScores() != null) {
                    System.out.println();
                    System.out.println("per class, " + e.subject() + " (seed s made as class s mod "
                            + e.classScores().rows().size() + "):");
                    System.out.print(e.classScores().table());
                }
            }
        }
        if (record && !runs.isEmpty()) {
            human.println("recorded in " + String.join(", ", runs.stream()
                    .map(r -> r.resolve(EvalHistory.FILE).toString()).toList()));
        }
        charts.forEach(chart -> human.println("chart: " + chart));
        return GanCli.OK;
    }

    /** The {@code --against} config's data, after checking that every checkpoint makes images of its shape. */
    private DataConfig againstData(List<Subject> subjects) {
        RunConfig config;
        try {
            config = ConfigLoader.load(against, List.of(), List.of());
        } catch (ConfigException e) {
            throw new UserInputException("--against " + against + ": " + e.getMessage(), e);
        }
        DataConfig data = config.data();
        for (Subject s : subjects) {
            if (s.checkpoint() && (s.config().data().imageSize() != data.imageSize()
                    || s.config().data().channels() != data.channels())) {
                throw new UserInputException(String.format(Locale.ROOT, "%s makes %s images, but %s's data is %s: "
                                + "score it against a config of its own image size and channels (data.imageSize, "
                                + "data.channels), such as the one it was trained with", s.file(),
                        shape(s.config().data()), against, shape(data)), null);
            }
        }
        return data;
    }

    private static String shape(DataConfig data) {
        return data.channels() + "x" + data.imageSize() + "x" + data.imageSize();
    }

    /**
     * One evaluator for every subject. Subjects trained on different data would each get their own feature network;
     * their scores are not comparable, so that is refused, naming both networks.
     */
    private Evaluator evaluator(List<Subject> subjects, DataConfig againstData) {
        Map<DataConfig, Subject> byData = new LinkedHashMap<>();
        for (Subject s : subjects) {
            DataConfig data = againstData != null ? againstData : s.config().data();
            byData.putIfAbsent(new DataConfig(data.source(), data.path(), data.imageSize(), data.channels()), s);
        }
        ExtractorCache cache = new ExtractorCache(cacheDir != null ? cacheDir : ExtractorCache.defaultDirectory());
        Evaluator first = null;
        Subject firstSubject = null;
        for (Map.Entry<DataConfig, Subject> entry : byData.entrySet()) {
            Evaluator evaluator;
            try {
                evaluator = Evaluator.forData(againstData != null ? againstData : entry.getValue().config().data(),
                        cache);
            } catch (IOException e) {
                throw new UserInputException("cannot read the data to score against (" + entry.getKey().path()
                        + "): " + e.getMessage(), e);
            }
            if (first == null) {
                first = evaluator;
                firstSubject = entry.getValue();
            } else if (!first.extractor().hash().equals(evaluator.extractor().hash())) {
                throw new UserInputException(String.format(Locale.ROOT, "%s and %s were trained on different data "
                                + "(%s and %s), so they are scored under different feature networks, %s and %s, whose "
                                + "scores are not comparable. Score them one at a time, or all against one dataset "
                                + "with --against CONFIG", firstSubject.file(), entry.getValue().file(),
                        firstSubject.config().data().path(), entry.getKey().path(), first.extractor().shortHash(),
                        evaluator.extractor().shortHash()), null);
            }
        }
        return first;
    }

    private Evaluation evaluateCheckpoint(Evaluator evaluator, Subject subject) {
        return CheckpointImages.evaluate(evaluator, subject, count, !noEma, psi, standing);
    }

    private static RealImages readImages(Subject subject, DataConfig againstData) {
        RealImages images;
        try {
            images = RealImages.files(subject.file(), againstData);
        } catch (IOException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (images.count() <= PrecisionRecall.DEFAULT_K) {
            throw new UserInputException(subject.file() + " has " + images.count() + " images; precision and recall "
                    + "(k = " + PrecisionRecall.DEFAULT_K + ") need at least " + (PrecisionRecall.DEFAULT_K + 1), null);
        }
        return images;
    }

    private Evaluation evaluateImages(Evaluator evaluator, Subject subject, RealImages images) {
        String which = images.count() <= count ? String.format(Locale.ROOT, "all %,d images", images.count())
                : String.format(Locale.ROOT, "the first %,d of %,d images", count, images.count());
        return evaluator.evaluate(subject.file().toString(), null, images.first(count), which);
    }

    /** eval.png (or eval-HASH.png for --against scores) in each run, of that run's checkpoints. */
    private static List<Path> charts(Set<Path> runs, List<Subject> subjects, List<Evaluation> results, boolean record,
                                     String hash) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Path run : runs) {
            List<Evaluation> mine = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                if (run.equals(subjects.get(i).runDirectory())) {
                    mine.add(results.get(i));
                }
            }
            Path file = run.resolve(record ? "eval.png" : "eval-" + hash + ".png");
            EvalChart.write(file, run.getFileName().toString(), mine);
            written.add(file);
        }
        return written;
    }
}
