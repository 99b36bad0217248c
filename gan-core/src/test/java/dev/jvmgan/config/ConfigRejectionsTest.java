package dev.jvmgan.config;

import static dev.jvmgan.config.ConfigTestSupport.nested;
import static dev.jvmgan.config.ConfigTestSupport.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per rejection: the YAML for a single key (an N-part key sits on line N), and the exact, single problem
 * reported for it. Each row is one value a user could plausibly write.
 */
class ConfigRejectionsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            name                    | ""        | t.yaml:1: name: must not be empty
            name                    | a/b       | t.yaml:1: name: 'a/b' must not contain / or \\: it names the run's directory
            name                    | 123       | t.yaml:1: name: 123 is not a string (quote it: "123")
            data                    | 5         | t.yaml:1: data: 5 is not a map; expected keys: source, path, imageSize, channels, crop, flip, background, badFiles, maxImagePixels, cache, loaderThreads
            data.source             | csv       | t.yaml:2: data.source: "csv" is not one of: idx, folder
            data.source             | fodler    | t.yaml:2: data.source: "fodler" is not one of: idx, folder (did you mean 'folder'?)
            data.source             | 1         | t.yaml:2: data.source: 1 is not one of: idx, folder
            data.path               | ""        | t.yaml:2: data.path: must not be empty
            data.path               | [a, b]    | t.yaml:2: data.path: a list is not a string
            data.imageSize          | 3         | t.yaml:2: data.imageSize: 3 must be between 4 and 1024
            data.imageSize          | 2048      | t.yaml:2: data.imageSize: 2048 must be between 4 and 1024
            data.imageSize          | "abc"     | t.yaml:2: data.imageSize: "abc" is not an integer
            data.imageSize          | 28.5      | t.yaml:2: data.imageSize: 28.5 is not an integer
            data.channels           | 2         | t.yaml:2: data.channels: 2 must be 1 (grey) or 3 (RGB)
            data.imagesize          | 28        | t.yaml:2: data.imagesize: unknown key (did you mean 'imageSize'?)
            data.crop               | middle    | t.yaml:2: data.crop: "middle" is not one of: center, random
            data.crop               | random    | t.yaml:2: data.crop: random needs data.source: folder (IDX images are square, so there is nothing to choose from); use crop: center
            data                    | {source: folder, path: /tmp/x, crop: random, cache: disk} | t.yaml:1: data.crop: random cannot be used with data.cache: disk, which stores finished (centre-cropped) squares; use crop: center, or cache: none
            data.flip               | left      | t.yaml:2: data.flip: "left" is not a boolean (true or false)
            data.background         | ""        | t.yaml:2: data.background: must not be empty
            data.background         | `"#FFF"`  | t.yaml:2: data.background: "#FFF" is not a colour; write "#RRGGBB" (quoted) or black, white, grey
            data.background         | red       | t.yaml:2: data.background: "red" is not a colour; write "#RRGGBB" (quoted) or black, white, grey
            data.background         | 0         | t.yaml:2: data.background: 0 is not a string (quote it: "0")
            data.background         | #FFFFFF   | t.yaml:2: data.background: has no value: an unquoted # starts a YAML comment; quote the colour, background: "#FFFFFF", or write black, white or grey
            data.badFiles           | ignore    | t.yaml:2: data.badFiles: "ignore" is not one of: skip, fail
            data.badfiles           | skip      | t.yaml:2: data.badfiles: unknown key (did you mean 'badFiles'?)
            data.maxImagePixels     | 0         | t.yaml:2: data.maxImagePixels: 0 must be between 1 and 2147483647
            data.maxImagePixels     | 1.5       | t.yaml:2: data.maxImagePixels: 1.5 is not an integer
            data.maxImagePixels     | 10000000000 | t.yaml:2: data.maxImagePixels: 10000000000 does not fit in a 32-bit integer
            data.cache              | memory    | t.yaml:2: data.cache: "memory" is not one of: none, disk
            data.cache              | disk      | t.yaml:2: data.cache: disk needs data.source: folder (IDX files are decoded in memory already); use cache: none
            data.loaderThreads      | 0         | t.yaml:2: data.loaderThreads: 0 must be between 1 and 64
            data.loaderThreads      | 65        | t.yaml:2: data.loaderThreads: 65 must be between 1 and 64
            model.latentDim         | 0         | t.yaml:2: model.latentDim: 0 must be between 1 and 4096
            model.latentDim         | 99999999999 | t.yaml:2: model.latentDim: 99999999999 does not fit in a 32-bit integer
            model.latnetDim         | 100       | t.yaml:2: model.latnetDim: unknown key (did you mean 'latentDim'?)
            model.gen               | {}        | t.yaml:2: model.gen: unknown key; valid keys here: latentDim, generator, discriminator, conditional, fakeClasses, auxClassifier
            model.generator.architecture | ""   | t.yaml:3: model.generator.architecture: must not be empty
            model.generator.widths  | []        | t.yaml:3: model.generator.widths: must not be empty; write one width per stage, e.g. [128, 64]
            model.generator.widths  | 128       | t.yaml:3: model.generator.widths: 128 is not a list; write one width per stage, e.g. [128, 64]
            model.generator.widths  | [128, 0]  | t.yaml:3: model.generator.widths[1]: 0 must be between 1 and 4096
            model.generator.widths  | [128, x]  | t.yaml:3: model.generator.widths[1]: "x" is not an integer
            model.generator.batchNorm | maybe   | t.yaml:3: model.generator.batchNorm: "maybe" is not a boolean (true or false)
            model.generator.initStd | 0         | t.yaml:3: model.generator.initStd: 0 must be > 0 and <= 1
            model.generator.initStd | 1.5       | t.yaml:3: model.generator.initStd: 1.5 must be > 0 and <= 1
            model.generator.initstd | 0.02      | t.yaml:3: model.generator.initstd: unknown key (did you mean 'initStd'?)
            model.discriminator.batchnorm | true | t.yaml:3: model.discriminator.batchnorm: unknown key (did you mean 'batchNorm'?)
            model.generator.conditional | maybe | t.yaml:3: model.generator.conditional: "maybe" is not a boolean: write true or false, or leave conditional out to inherit model.conditional
            model.discriminator.conditional | 1 | t.yaml:3: model.discriminator.conditional: 1 is not a boolean: write true or false, or leave conditional out to inherit model.conditional
            model                   | {conditional: true, generator: {conditional: false}, discriminator: {conditional: false}} | t.yaml:1: model.conditional: true, but model.generator.conditional and model.discriminator.conditional are both false, so no network takes the labels; set model.conditional: false, or one of them true
            model.generator.activation | tanh   | t.yaml:3: model.generator.activation: "tanh" is not one of: relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish)
            model.generator.activation | leakyrleu | t.yaml:3: model.generator.activation: "leakyrleu" is not one of: relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish) (did you mean 'leakyrelu'?)
            model.generator.activation | 5      | t.yaml:3: model.generator.activation: 5 is not an activation; write a name (relu) or a map ({type: leakyrelu, alpha: 0.2})
            model.generator.activation | {alpha: 0.1} | t.yaml:3: model.generator.activation.type: missing; an activation map needs a type, one of: relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish)
            model.generator.activation | {type: sigmoid} | t.yaml:3: model.generator.activation.type: "sigmoid" is not one of: relu, leakyrelu (or leaky_relu, lrelu), prelu, rrelu, elu, selu, gelu, silu (or swish)
            model.discriminator.activation | {type: relu, alpha: 0.1} | t.yaml:3: model.discriminator.activation.alpha: relu takes no parameter 'alpha' (leakyrelu, prelu, elu take it)
            model.discriminator.activation | {type: leakyrelu, lower: 0.1} | t.yaml:3: model.discriminator.activation.lower: leakyrelu takes no parameter 'lower' (rrelu takes it)
            model.discriminator.activation | {type: leakyrelu, alpha: 1.0} | t.yaml:3: model.discriminator.activation.alpha: 1 must be >= 0 and < 1
            model.discriminator.activation | {type: leakyrelu, alpha: -0.2} | t.yaml:3: model.discriminator.activation.alpha: -0.2 must be >= 0 and < 1
            model.discriminator.activation | {type: leakyrelu, alhpa: 0.1} | t.yaml:3: model.discriminator.activation.alhpa: unknown key (did you mean 'alpha'?)
            model.discriminator.activation | {type: prelu, alpha: x} | t.yaml:3: model.discriminator.activation.alpha: "x" is not a number
            model.discriminator.activation | {type: elu, alpha: 0} | t.yaml:3: model.discriminator.activation.alpha: 0 must be > 0
            model.discriminator.activation | {type: rrelu, lower: 0.5, upper: 0.25} | t.yaml:3: model.discriminator.activation.lower: 0.5 must be <= upper (0.25)
            model.discriminator.activation | {type: rrelu, upper: 1} | t.yaml:3: model.discriminator.activation.upper: 1 must be >= 0 and < 1
            train                   | 5         | t.yaml:1: train: 5 is not a map; expected keys: iterations, batchSize, dStepsPerGStep, seed, g, d, loss, penalty, augment, instanceNoise, ema, distributed, precision
            train.iterations        | 0         | t.yaml:2: train.iterations: 0 must be >= 1
            train.batchSize         | 0         | t.yaml:2: train.batchSize: 0 must be between 1 and 4096
            train.batchSize         | 5000      | t.yaml:2: train.batchSize: 5000 must be between 1 and 4096
            train.batchSize         | "abc"     | t.yaml:2: train.batchSize: "abc" is not an integer
            train.batchSize         |           | t.yaml:2: train.batchSize: has no value; give one, or delete the key to use the default (64)
            train.batchsize         | 64        | t.yaml:2: train.batchsize: unknown key (did you mean 'batchSize'?)
            train.dStepsPerGStep    | 0         | t.yaml:2: train.dStepsPerGStep: 0 must be between 1 and 100
            train.dStepsPerGStep    | 101       | t.yaml:2: train.dStepsPerGStep: 101 must be between 1 and 100
            train.seed              | 1.5       | t.yaml:2: train.seed: 1.5 is not an integer
            train.seed              | 99999999999999999999 | t.yaml:2: train.seed: 99999999999999999999 does not fit in a 64-bit integer
            train.g                 | adam      | t.yaml:2: train.g: "adam" is not a map; expected keys: type, lr, beta1, beta2
            train.g.type            | sgd       | t.yaml:3: train.g.type: "sgd" is not one of: adam
            train.g.lr              | 1         | t.yaml:3: train.g.lr: 1 must be > 0 and < 1
            train.d.lr              | -0.1      | t.yaml:3: train.d.lr: -0.1 must be > 0 and < 1
            train.d.lr              | fast      | t.yaml:3: train.d.lr: "fast" is not a number
            model.discriminator.spectralNorm | sngan | t.yaml:3: model.discriminator.spectralNorm: "sngan" is not a boolean (true or false)
            model.generator.spectralnorm | true | t.yaml:3: model.generator.spectralnorm: unknown key (did you mean 'spectralNorm'?)
            train.distributed       | 4         | t.yaml:2: train.distributed: 4 is not a map; expected keys: roundSteps, partitions
            train.distributed.roundSteps | 0    | t.yaml:3: train.distributed.roundSteps: 0 must be between 1 and 100000
            train.distributed.partitions | -1   | t.yaml:3: train.distributed.partitions: -1 must be between 0 and 4096
            train.distributed.partitions | 2.5  | t.yaml:3: train.distributed.partitions: 2.5 is not an integer
            train.distributed.workers | 2      | t.yaml:3: train.distributed.workers: unknown key; valid keys here: roundSteps, partitions
            train.ema               | 10000     | t.yaml:2: train.ema: 10000 is not a map; expected keys: halfLifeImages, rampUp, standingStats
            train.ema.halfLifeImages | -1       | t.yaml:3: train.ema.halfLifeImages: -1 must be between 0 and 1000000000000
            train.ema.halfLifeImages | 1.0e13   | t.yaml:3: train.ema.halfLifeImages: 10000000000000 must be between 0 and 1000000000000
            train.ema.halfLifeImages | 10kimg   | t.yaml:3: train.ema.halfLifeImages: "10kimg" is not a number
            train.ema.rampUp        | 1.5       | t.yaml:3: train.ema.rampUp: 1.5 must be between 0 and 1
            train.ema.standingStats | 1001      | t.yaml:3: train.ema.standingStats: 1001 must be between 0 and 1000
            train.ema.standingStats | 2.5       | t.yaml:3: train.ema.standingStats: 2.5 is not an integer
            train.ema.halfLifeImage | 10000     | t.yaml:3: train.ema.halfLifeImage: unknown key (did you mean 'halfLifeImages'?)
            train.d.beta1           | 1.0       | t.yaml:3: train.d.beta1: 1 must be >= 0 and < 1
            train.d.beta2           | -0.5      | t.yaml:3: train.d.beta2: -0.5 must be >= 0 and < 1
            train.d.learningRate    | 0.1       | t.yaml:3: train.d.learningRate: unknown key; valid keys here: type, lr, beta1, beta2
            train.loss              | bce       | t.yaml:2: train.loss: "bce" is not one of: ns, minimax, lsgan, hinge, wgan
            train.loss              | hnge      | t.yaml:2: train.loss: "hnge" is not one of: ns, minimax, lsgan, hinge, wgan (did you mean 'hinge'?)
            train.loss              | 5         | t.yaml:2: train.loss: 5 is not a name or a map; write a type (ns, minimax, lsgan, hinge, wgan) or a map with its type and parameters, e.g. {type: ...}
            train.loss              | {type: wasserstein} | t.yaml:2: train.loss.type: "wasserstein" is not one of: ns, minimax, lsgan, hinge, wgan
            train.loss              | {type: ns, realLabel: 0} | t.yaml:2: train.loss.realLabel: 0 must be > 0 and <= 1
            train.loss              | {type: lsgan, realLabel: 1.1} | t.yaml:2: train.loss.realLabel: 1.1 must be > 0 and <= 1
            train.loss              | {type: ns, realLabel: high} | t.yaml:2: train.loss.realLabel: "high" is not a number
            train.loss              | {type: hinge, realLabel: 0.9} | t.yaml:2: train.loss.realLabel: hinge has no labels to smooth (its margin plays that part), so realLabel must be 1; one-sided label smoothing is for ns, minimax, lsgan
            train.loss              | {type: wgan, realLabel: 0.9} | t.yaml:2: train.loss.realLabel: wgan has no labels to smooth, so realLabel must be 1; one-sided label smoothing is for ns, minimax, lsgan
            train.loss              | {type: ns, smoothing: 0.1} | t.yaml:2: train.loss.smoothing: unknown key; valid keys here: type, realLabel
            train.penalty           | r2        | t.yaml:2: train.penalty: "r2" is not one of: none, r1, wgan-gp (did you mean 'r1'?)
            train.penalty           | wgan_gp   | t.yaml:2: train.penalty: "wgan_gp" is not one of: none, r1, wgan-gp (did you mean 'wgan-gp'?)
            train.penalty           | [r1]      | t.yaml:2: train.penalty: a list is not a name or a map; write a type (none, r1, wgan-gp) or a map with its type and parameters, e.g. {type: ...}
            train.penalty           | {gamma: 1} | t.yaml:2: train.penalty.gamma: none takes no parameter 'gamma' (r1 takes it)
            train.penalty.type      | gp        | t.yaml:3: train.penalty.type: "gp" is not one of: none, r1, wgan-gp
            train.penalty           | {type: none, gamma: 1} | t.yaml:2: train.penalty.gamma: none takes no parameter 'gamma' (r1 takes it)
            train.penalty           | {type: r1, lambda: 10} | t.yaml:2: train.penalty.lambda: r1 takes no parameter 'lambda' (wgan-gp takes it)
            train.penalty           | {type: wgan-gp, gamma: 10} | t.yaml:2: train.penalty.gamma: wgan-gp takes no parameter 'gamma' (r1 takes it)
            train.penalty           | {type: r1, gamma: 0} | t.yaml:2: train.penalty.gamma: 0 must be > 0
            train.penalty           | {type: wgan-gp, lambda: x} | t.yaml:2: train.penalty.lambda: "x" is not a number
            train.penalty           | {type: r1, every: 0} | t.yaml:2: train.penalty.every: 0 must be between 1 and 10000
            train.penalty           | {type: wgan-gp, every: 1.5} | t.yaml:2: train.penalty.every: 1.5 is not an integer
            train.penalty           | {type: r1, evry: 16} | t.yaml:2: train.penalty.evry: unknown key (did you mean 'every'?)
            train.augment           | color     | t.yaml:2: train.augment: "color" is not a list; write [] for none, or some of color, translation, cutout, e.g. [color, translation, cutout]
            train.augment           | [colour]  | t.yaml:2: train.augment[0]: "colour" is not one of: color, translation, cutout (did you mean 'color'?)
            train.augment           | [cutout, cutout] | t.yaml:2: train.augment[1]: cutout is already in the list; name each once
            train.augment           | [color, 3] | t.yaml:2: train.augment[1]: 3 is not one of: color, translation, cutout
            train.instanceNoise     | 0.1       | t.yaml:2: train.instanceNoise: 0.1 is not a map; expected keys: sigma, annealIterations
            train.instanceNoise.sigma | -0.1    | t.yaml:3: train.instanceNoise.sigma: -0.1 must be >= 0
            train.instanceNoise.sigma | none    | t.yaml:3: train.instanceNoise.sigma: "none" is not a number
            train.instanceNoise.annealIterations | 0 | t.yaml:3: train.instanceNoise.annealIterations: 0 must be >= 1
            train.instanceNoise.annealIteration | 10 | t.yaml:3: train.instanceNoise.annealIteration: unknown key (did you mean 'annealIterations'?)
            output.runsRoot         | ""        | t.yaml:2: output.runsRoot: must not be empty
            output.logEvery         | 0         | t.yaml:2: output.logEvery: 0 must be >= 1
            output.sampleEvery      | 0         | t.yaml:2: output.sampleEvery: 0 must be >= 1
            output.checkpointEvery  | -5        | t.yaml:2: output.checkpointEvery: -5 must be >= 1
            output.keepCheckpoints  | 0         | t.yaml:2: output.keepCheckpoints: 0 must be >= 1
            output.bestMetric       | fid       | t.yaml:2: output.bestMetric: "fid" is not one of: none, dLoss, gLoss, dReal, dFake, fd, kid (did you mean 'fd'?)
            output.bestMetric       | gLos      | t.yaml:2: output.bestMetric: "gLos" is not one of: none, dLoss, gLoss, dReal, dFake, fd, kid (did you mean 'gLoss'?)
            output.bestMode         | lowest    | t.yaml:2: output.bestMode: "lowest" is not one of: min, max
            output.sampleEvry       | 10        | t.yaml:2: output.sampleEvry: unknown key (did you mean 'sampleEvery'?)
            trian                   | {}        | t.yaml:1: trian: unknown key (did you mean 'train'?)
            monitors                | 5         | t.yaml:1: monitors: 5 is not a map; expected keys: every, window, chartEvery, vanishingBelow, explodingAbove, alerts
            monitors.every          | -1        | t.yaml:2: monitors.every: -1 must be between 0 and 1000000
            monitors.every          | 1000001   | t.yaml:2: monitors.every: 1000001 must be between 0 and 1000000
            monitors.every          | 2.5       | t.yaml:2: monitors.every: 2.5 is not an integer
            monitors.every          | off       | t.yaml:2: monitors.every: false is not an integer: write 0 to turn the monitors off, or the iterations between checks (e.g. 50)
            monitors.every          | true      | t.yaml:2: monitors.every: true is not an integer: write 0 to turn the monitors off, or the iterations between checks (e.g. 50)
            monitors.window         | 0         | t.yaml:2: monitors.window: 0 must be between 1 and 1000
            monitors.window         | 1001      | t.yaml:2: monitors.window: 1001 must be between 1 and 1000
            monitors.chartEvery     | 0         | t.yaml:2: monitors.chartEvery: 0 must be >= 1
            monitors.vanishingBelow | -1.0e-7   | t.yaml:2: monitors.vanishingBelow: -1.0E-7 must be >= 0
            monitors.vanishingBelow | tiny      | t.yaml:2: monitors.vanishingBelow: "tiny" is not a number
            monitors.vanishingBelow | 2000      | t.yaml:2: monitors.vanishingBelow: 2000 must be < explodingAbove (1000)
            monitors.explodingAbove | -1        | t.yaml:2: monitors.explodingAbove: -1 must be >= 0
            monitors.explodingAbove | 1.0e-8    | t.yaml:2: monitors.explodingAbove: 1.0E-8 must be > vanishingBelow (1.0E-7)
            monitors.explodingAbove | 1.0e-7    | t.yaml:2: monitors.explodingAbove: 1.0E-7 must be > vanishingBelow (1.0E-7)
            monitors.evrey          | 50        | t.yaml:2: monitors.evrey: unknown key (did you mean 'every'?)
            monitors.alerts         | warn      | t.yaml:2: monitors.alerts: "warn" is not a map; expected keys: deadFraction, deadRise, dRealAbove, dFakeBelow, overpowerChecks, gSignalBelow, fdRegression, regressionEvals, recallBelow, coverageBelow, rollbackLrFactor, maxRollbacks, policy
            monitors.alerts.deadFraction | 1.5  | t.yaml:3: monitors.alerts.deadFraction: 1.5 must be between 0 and 1
            monitors.alerts.deadFraction | -0.1 | t.yaml:3: monitors.alerts.deadFraction: -0.1 must be between 0 and 1
            monitors.alerts.deadRise | 2        | t.yaml:3: monitors.alerts.deadRise: 2 must be between 0 and 1
            monitors.alerts.dRealAbove | 1.01   | t.yaml:3: monitors.alerts.dRealAbove: 1.01 must be between 0 and 1 (with train.loss ns, D's output is a probability)
            monitors.alerts.dFakeBelow | -0.05  | t.yaml:3: monitors.alerts.dFakeBelow: -0.05 must be between 0 and 1 (with train.loss ns, D's output is a probability)
            monitors.alerts.dRealAbove | high   | t.yaml:3: monitors.alerts.dRealAbove: "high" is not a number or auto
            monitors.alerts.dRealAbove | 0.01   | t.yaml:3: monitors.alerts.dRealAbove: 0.01 must be > dFakeBelow (0.05, auto for ns)
            monitors.alerts.dFakeBelow | 0.99   | t.yaml:3: monitors.alerts.dFakeBelow: 0.99 must be < dRealAbove (0.95, auto for ns)
            monitors.alerts.dFakeBelow | [0.05] | t.yaml:3: monitors.alerts.dFakeBelow: a list is not a number or auto
            monitors.alerts.overpowerChecks | 0 | t.yaml:3: monitors.alerts.overpowerChecks: 0 must be between 1 and 1000
            monitors.alerts.overpowerChecks | 1001 | t.yaml:3: monitors.alerts.overpowerChecks: 1001 must be between 1 and 1000
            monitors.alerts.overpowerChecks | 2.5 | t.yaml:3: monitors.alerts.overpowerChecks: 2.5 is not an integer
            monitors.alerts.gSignalBelow | -1   | t.yaml:3: monitors.alerts.gSignalBelow: -1 must be >= 0
            monitors.alerts.gSignalBelow | small | t.yaml:3: monitors.alerts.gSignalBelow: "small" is not a number
            monitors.alerts.deadfraction | 0.3  | t.yaml:3: monitors.alerts.deadfraction: unknown key (did you mean 'deadFraction'?)
            monitors.alerts.policy  | stop      | t.yaml:3: monitors.alerts.policy: "stop" is not a map; expected keys: dead-units, dead-rising, d-overpowering, g-gradient-vanishing, quality-regressed, mode-collapse
            monitors.alerts.policy.dead-unit | stop | t.yaml:4: monitors.alerts.policy.dead-unit: unknown key (did you mean 'dead-units'?)
            monitors.alerts.policy.dead_units | stop | t.yaml:4: monitors.alerts.policy.dead_units: unknown key (did you mean 'dead-units'?)
            monitors.alerts.policy.exploding | stop | t.yaml:4: monitors.alerts.policy.exploding: unknown key; valid keys here: dead-units, dead-rising, d-overpowering, g-gradient-vanishing, quality-regressed, mode-collapse
            monitors.alerts.policy.dead-units | halt | t.yaml:4: monitors.alerts.policy.dead-units: "halt" is not one of: warn, stop
            monitors.alerts.policy.dead-units | stpo | t.yaml:4: monitors.alerts.policy.dead-units: "stpo" is not one of: warn, stop (did you mean 'stop'?)
            monitors.alerts.policy.d-overpowering | true | t.yaml:4: monitors.alerts.policy.d-overpowering: true is not one of: warn, stop
            monitors.alerts.policy.g-gradient-vanishing | | t.yaml:4: monitors.alerts.policy.g-gradient-vanishing: has no value; give one, or delete the key to use the default (warn)
            monitors.alerts.policy.dead-units | rollback | t.yaml:4: monitors.alerts.policy.dead-units: "rollback" is not one of: warn, stop
            monitors.alerts.policy.mode-collapse | rollback | t.yaml:4: monitors.alerts.policy.mode-collapse: rollback reloads checkpoints/best.zip, the best checkpoint by quality, so it needs output.bestMetric: fd (or kid) with eval.every > 0; set them, or write warn or stop
            monitors.alerts.policy.quality-regressed | undo | t.yaml:4: monitors.alerts.policy.quality-regressed: "undo" is not one of: warn, stop, rollback
            monitors.alerts.fdRegression | 0    | t.yaml:3: monitors.alerts.fdRegression: 0 must be between 1.0E-9 and 1000000
            monitors.alerts.regressionEvals | 0 | t.yaml:3: monitors.alerts.regressionEvals: 0 must be between 1 and 1000
            monitors.alerts.recallBelow | 1.5   | t.yaml:3: monitors.alerts.recallBelow: 1.5 must be between 0 and 1
            monitors.alerts.coverageBelow | -1  | t.yaml:3: monitors.alerts.coverageBelow: -1 must be between 0 and 1
            monitors.alerts.rollbackLrFactor | 2 | t.yaml:3: monitors.alerts.rollbackLrFactor: 2 must be between 1.0E-9 and 1
            monitors.alerts.maxRollbacks | 0    | t.yaml:3: monitors.alerts.maxRollbacks: 0 must be between 1 and 100
            output.bestMetric       | fd        | t.yaml:2: output.bestMetric: fd needs quality scores during training, but eval.every is 0: set eval.every (e.g. 500), or keep bestMetric: none and score the checkpoints afterwards with gan eval RUN --all
            output                  | {bestMetric: kid, bestMode: max} | t.yaml:1: output.bestMode: 'max' cannot go with bestMetric kid, a distance (lower is better); write bestMode: min or leave it out
            eval                    | 5         | t.yaml:1: eval: 5 is not a map; expected keys: every, images
            eval.every              | -1        | t.yaml:2: eval.every: -1 must be between 0 and 1000000
            eval.every              | on        | t.yaml:2: eval.every: true is not an integer: write 0 to turn the scores off, or the iterations between scores (e.g. 500)
            eval.images             | 9         | t.yaml:2: eval.images: 9 must be between 10 and 50000
            eval.images             | 50001     | t.yaml:2: eval.images: 50001 must be between 10 and 50000
            eval.evrey              | 5         | t.yaml:2: eval.evrey: unknown key (did you mean 'every'?)
            optimizer               | {}        | t.yaml:1: optimizer: unknown key; valid keys here: name, data, model, train, output, monitors, eval
            """)
    void rejectsWithKeyLineAndWhatWouldBeValid(String key, String yamlValue, String expected) {
        assertThat(problems(nested(key, yamlValue == null ? "" : yamlValue))).isEqualTo(expected);
    }
}
