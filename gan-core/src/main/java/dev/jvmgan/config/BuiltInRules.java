package dev.jvmgan.config;

import java.util.ArrayList;
import java.util.List;

/** Cross-field rules that hold for every architecture; the loader runs them before the caller's rules. */
final class BuiltInRules {
    private BuiltInRules() {
    }

    static final List<ConfigRule> ALL = List.of(BuiltInRules::batchNormNeedsTwoImages);

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
