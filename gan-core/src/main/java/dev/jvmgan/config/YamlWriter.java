package dev.jvmgan.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The resolved config as a tree in the loader's schema, every key present, so a run directory's copy shows every
 * value that was in force, including the defaults nobody wrote.
 */
final class YamlWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private YamlWriter() {
    }

    static ObjectNode tree(RunConfig config) {
        ObjectNode root = NODES.objectNode();
        root.put("name", config.name());
        DataConfig data = config.data();
        root.putObject("data")
                .put("source", TreeMapper.name(data.source()))
                .put("path", data.path())
                .put("imageSize", data.imageSize())
                .put("channels", data.channels())
                .put("crop", TreeMapper.name(data.crop()))
                .put("flip", data.flip())
                .put("background", DataConfig.colour(data.background()))
                .put("badFiles", TreeMapper.name(data.badFiles()))
                .put("maxImagePixels", data.maxImagePixels())
                .put("cache", TreeMapper.name(data.cache()))
                .put("loaderThreads", data.loaderThreads());
        ObjectNode model = root.putObject("model").put("latentDim", config.model().latentDim());
        network(model.putObject("generator"), config.model().generator());
        network(model.putObject("discriminator"), config.model().discriminator());
        TrainConfig train = config.train();
        ObjectNode trainNode = root.putObject("train")
                .put("iterations", train.iterations())
                .put("batchSize", train.batchSize())
                .put("dStepsPerGStep", train.dStepsPerGStep())
                .put("seed", train.seed());
        optimizer(trainNode.putObject("g"), train.g());
        optimizer(trainNode.putObject("d"), train.d());
        OutputConfig output = config.output();
        root.putObject("output")
                .put("runsRoot", output.runsRoot())
                .put("logEvery", output.logEvery())
                .put("sampleEvery", output.sampleEvery())
                .put("checkpointEvery", output.checkpointEvery())
                .put("keepCheckpoints", output.keepCheckpoints())
                .put("bestMetric", output.bestMetric())
                .put("bestMode", output.bestMode());
        monitors(root.putObject("monitors"), config.monitors());
        return root;
    }

    private static void monitors(ObjectNode node, MonitorConfig monitors) {
        node.put("every", monitors.every())
                .put("window", monitors.window())
                .put("chartEvery", monitors.chartEvery())
                .put("vanishingBelow", monitors.vanishingBelow())
                .put("explodingAbove", monitors.explodingAbove());
        AlertConfig alerts = monitors.alerts();
        ObjectNode alertsNode = node.putObject("alerts")
                .put("deadFraction", alerts.deadFraction())
                .put("deadRise", alerts.deadRise())
                .put("dRealAbove", alerts.dRealAbove())
                .put("dFakeBelow", alerts.dFakeBelow())
                .put("overpowerChecks", alerts.overpowerChecks())
                .put("gSignalBelow", alerts.gSignalBelow());
        alerts.policy().forEach(alertsNode.putObject("policy")::put);
    }

    private static void network(ObjectNode node, NetworkConfig network) {
        node.put("architecture", network.architecture());
        network.widths().forEach(node.putArray("widths")::add);
        ActivationConfig activation = network.activation();
        String type = TreeMapper.name(activation.type());
        if (ActivationConfig.parameters(activation.type()).isEmpty()) {
            node.put("activation", type);
        } else {
            ObjectNode map = node.putObject("activation").put("type", type);
            double[] values = {activation.alpha(), activation.lower(), activation.upper()};
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    map.put(ActivationConfig.PARAMETERS.get(i), values[i]);
                }
            }
        }
        node.put("batchNorm", network.batchNorm()).put("initStd", network.initStd());
        if (!network.params().isEmpty()) {
            node.set("params", PLAIN.valueToTree(network.params()));
        }
    }

    private static void optimizer(ObjectNode node, OptimizerConfig optimizer) {
        node.put("type", optimizer.type())
                .put("lr", optimizer.lr())
                .put("beta1", optimizer.beta1())
                .put("beta2", optimizer.beta2());
    }
}
