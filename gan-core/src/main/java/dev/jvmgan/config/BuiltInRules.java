package dev.jvmgan.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cross-field rules that hold for every architecture; the loader runs them before the caller's rules. */
final class BuiltInRules {
    private BuiltInRules() {
    }

    static final List<ConfigRule> ALL = List.of(BuiltInRules::batchNormNeedsTwoImages,
            BuiltInRules::folderOptionsFitTheSource, BuiltInRules::overpoweringThresholdsFitTheLoss,
            BuiltInRules::penaltyNeedsADeterministicDiscriminator, BuiltInRules::qualityBestNeedsScores,
            BuiltInRules::rollbackNeedsABestCheckpointByQuality);

    private static final String REAL_ABOVE = "monitors.alerts.dRealAbove";
    private static final String FAKE_BELOW = "monitors.alerts.dFakeBelow";

    /**
     * {@code d-overpowering}'s thresholds are on the loss's own scale: a probability for ns and minimax, a raw output
     * for lsgan and hinge; a critic (wgan) has none. A threshold left {@code auto} takes the loss's, and the pair must
     * stay ordered.
     */
    static List<ConfigRule.Violation> overpoweringThresholdsFitTheLoss(RunConfig config) {
        AlertConfig alerts = config.monitors().alerts();
        LossConfig loss = config.train().loss();
        String name = loss.type().yamlName();
        List<ConfigRule.Violation> problems = new ArrayList<>();
        Optional<LossConfig.Overpowering> auto = loss.overpowering();
        if (auto.isEmpty()) {
            String message = "train.loss " + name + " has no d-overpowering thresholds: a critic's scores are "
                    + "defined up to a constant, so only D(x) - D(G(z)) means something; write auto";
            alerts.dRealAbove().ifPresent(v -> problems.add(new ConfigRule.Violation(REAL_ABOVE, message)));
            alerts.dFakeBelow().ifPresent(v -> problems.add(new ConfigRule.Violation(FAKE_BELOW, message)));
            return problems;
        }
        if (loss.type().outputs() == LossConfig.Outputs.PROBABILITY) {
            String why = " (with train.loss " + name + ", D's output is a probability)";
            alerts.dRealAbove().ifPresent(v -> AlertConfig.FRACTION.violation(v)
                    .ifPresent(m -> problems.add(new ConfigRule.Violation(REAL_ABOVE, m + why))));
            alerts.dFakeBelow().ifPresent(v -> AlertConfig.FRACTION.violation(v)
                    .ifPresent(m -> problems.add(new ConfigRule.Violation(FAKE_BELOW, m + why))));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        double real = alerts.dRealAbove().orElse(auto.get().realAbove());
        double fake = alerts.dFakeBelow().orElse(auto.get().fakeBelow());
        if (fake < real) {
            return List.of();
        }
        String autoOf = ", auto for " + name;
        return List.of(alerts.dFakeBelow().isPresent()
                ? new ConfigRule.Violation(FAKE_BELOW, Bound.format(fake) + " must be < dRealAbove ("
                + Bound.format(real) + (alerts.dRealAbove().isPresent() ? "" : autoOf) + ")")
                : new ConfigRule.Violation(REAL_ABOVE, Bound.format(real) + " must be > dFakeBelow ("
                + Bound.format(fake) + autoOf + ")"));
    }

    /**
     * A gradient penalty's perturbed passes must see one and the same D (see {@code dev.jvmgan.penalty}); RReLU draws
     * new slopes at every training-mode pass.
     */
    static List<ConfigRule.Violation> penaltyNeedsADeterministicDiscriminator(RunConfig config) {
        PenaltyConfig penalty = config.train().penalty();
        if (!penalty.enabled()
                || config.model().discriminator().activation().type() != ActivationType.RRELU) {
            return List.of();
        }
        return List.of(new ConfigRule.Violation("train.penalty", penalty.type().yamlName() + " needs D's training "
                + "forward pass to be deterministic (its passes at nearby inputs must see one network), but "
                + "model.discriminator.activation rrelu draws new slopes at every pass; use leakyrelu there, or "
                + "penalty: none"));
    }

    /**
     * A random crop needs the whole, undecoded image at every epoch: the disk cache holds finished squares, and IDX
     * images are square already. The cache is for folders only.
     */
    static List<ConfigRule.Violation> folderOptionsFitTheSource(RunConfig config) {
        DataConfig data = config.data();
        List<ConfigRule.Violation> problems = new ArrayList<>();
        boolean folder = data.source() == DataSource.FOLDER;
        if (data.crop() == DataConfig.Crop.RANDOM && !folder) {
            problems.add(new ConfigRule.Violation("data.crop", "random needs data.source: folder (IDX images are "
                    + "square, so there is nothing to choose from); use crop: center"));
        } else if (data.crop() == DataConfig.Crop.RANDOM && data.cache() == DataConfig.Cache.DISK) {
            problems.add(new ConfigRule.Violation("data.crop", "random cannot be used with data.cache: disk, which "
                    + "stores finished (centre-cropped) squares; use crop: center, or cache: none"));
        }
        if (data.cache() == DataConfig.Cache.DISK && !folder) {
            problems.add(new ConfigRule.Violation("data.cache", "disk needs data.source: folder (IDX files are "
                    + "decoded in memory already); use cache: none"));
        }
        return problems;
    }

    /** {@code best.zip} by FD or KID needs those scores, which only the scores during training give. */
    static List<ConfigRule.Violation> qualityBestNeedsScores(RunConfig config) {
        if (!config.output().bestByQuality() || config.eval().enabled()) {
            return List.of();
        }
        return List.of(new ConfigRule.Violation("output.bestMetric", config.output().bestMetric() + " needs quality "
                + "scores during training, but eval.every is 0: set eval.every (e.g. 500), or keep bestMetric: none "
                + "and score the checkpoints afterwards with gan eval RUN --all"));
    }

    /** A rollback reloads {@code best.zip}, which a run keeps by quality only with {@code bestMetric: fd|kid}. */
    static List<ConfigRule.Violation> rollbackNeedsABestCheckpointByQuality(RunConfig config) {
        if (config.output().bestByQuality()) {
            return List.of();
        }
        List<ConfigRule.Violation> problems = new ArrayList<>();
        config.monitors().alerts().policy().forEach((rule, policy) -> {
            if (policy.equals(AlertConfig.ROLLBACK)) {
                problems.add(new ConfigRule.Violation("monitors.alerts.policy." + rule, "rollback reloads "
                        + "checkpoints/best.zip, the best checkpoint by quality, so it needs output.bestMetric: fd (or "
                        + "kid) with eval.every > 0; set them, or write warn or stop"));
            }
        });
        return problems;
    }

    /** Batch norm estimates a variance per batch: from one image it is zero and the layer outputs only beta. */
    static List<ConfigRule.Violation> batchNormNeedsTwoImages(RunConfig config) {
        List<String> withBatchNorm = new ArrayList<>();
        if (config.model().generator().batchNorm()) {
            withBatchNorm.add("model.generator");
        }
        if (config.model().discriminator().batchNorm()) {
            withBatchNorm.add("model.discriminator");
        }
        int batchSize = config.train().batchSize();
        if (batchSize >= 2 || withBatchNorm.isEmpty()) {
            return List.of();
        }
        return List.of(new ConfigRule.Violation("train.batchSize", batchSize + " is too small for batch "
                + "normalisation (batchNorm: true in " + String.join(" and ", withBatchNorm) + "), which needs "
                + ">= 2 images per batch; raise batchSize or set batchNorm: false"));
    }
}
