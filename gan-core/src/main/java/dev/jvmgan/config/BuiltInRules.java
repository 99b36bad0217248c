package dev.jvmgan.config;

import java.util.ArrayList;
import java.util.List;

/** Cross-field rules that hold for every architecture; the loader runs them before the caller's rules. */
final class BuiltInRules {
    private BuiltInRules() {
    }

    static final List<ConfigRule> ALL = List.of(BuiltInRules::batchNormNeedsTwoImages,
            BuiltInRules::folderOptionsFitTheSource);

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
