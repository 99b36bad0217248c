package dev.jvmgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jvmgan.augment.DiffAugment;
import dev.jvmgan.augment.InputTransform;
import dev.jvmgan.augment.InstanceNoise;
import dev.jvmgan.config.InstanceNoiseConfig;
import dev.jvmgan.config.LossConfig;
import dev.jvmgan.config.OptimizerConfig;
import dev.jvmgan.config.PenaltyConfig;
import dev.jvmgan.config.TrainConfig;
import dev.jvmgan.loss.AuxiliaryClassifier;
import dev.jvmgan.loss.GanLoss;
import dev.jvmgan.loss.Hinge;
import dev.jvmgan.loss.LeastSquares;
import dev.jvmgan.loss.Minimax;
import dev.jvmgan.loss.NonSaturating;
import dev.jvmgan.loss.Wasserstein;
import dev.jvmgan.penalty.R1Penalty;
import dev.jvmgan.penalty.WganGpPenalty;
import dev.jvmgan.train.Algorithm;
import dev.jvmgan.train.RandomState;
import dev.jvmgan.train.Resumable;

import java.util.ArrayList;
import java.util.List;

/**
 * The training algorithm a config's {@code train} section describes, as the loop's objects: the loss
 * ({@code train.loss}, with {@code model.auxClassifier}'s class term when on), D's input transform (DiffAugment's {@code train.augment}, then {@code train.instanceNoise}),
 * the phases with any penalty ({@code train.penalty}), and the random streams among them that a checkpoint carries:
 * {@code diffAugment}, {@code instanceNoise} and {@code wganGp}, each present only when that part is on.
 */
final class Algorithms {
    /** The algorithm, and the states of its random streams in restore order. */
    record Built(Algorithm algorithm, List<Resumable> state) {
    }

    private Algorithms() {
    }

    static Built of(TrainConfig train, Seeds seeds) {
        return of(train, 0, seeds);
    }

    /** With ACGAN's auxiliary classifier at weight {@code auxClassifier} ({@code model.auxClassifier}; 0: none). */
    static Built of(TrainConfig train, double auxClassifier, Seeds seeds) {
        List<Resumable> state = new ArrayList<>();
        InputTransform dInputs = InputTransform.identity();
        if (!train.augment().isEmpty()) {
            DiffAugment augment = DiffAugment.policy(String.join(",", train.augment()), seeds.augment());
            state.add(Resumable.of("diffAugment", () -> longState(augment.state()),
                    saved -> augment.restore(longState(saved))));
            dInputs = augment;
        }
        InstanceNoiseConfig noiseConfig = train.instanceNoise();
        if (noiseConfig.enabled()) {
            InstanceNoise noise = new InstanceNoise(noiseConfig.sigma(), noiseConfig.annealIterations(),
                    seeds.instanceNoise());
            state.add(Resumable.of("instanceNoise", () -> noise.state().toJson(),
                    saved -> noise.restore(RandomState.fromJson(saved))));
            dInputs = train.augment().isEmpty() ? noise : dInputs.andThen(noise);
        }
        GanLoss loss = auxClassifier > 0 ? new AuxiliaryClassifier(loss(train.loss()), auxClassifier)
                : loss(train.loss());
        Algorithm algorithm = Algorithm.of(loss, train.dStepsPerGStep(), dInputs);
        PenaltyConfig penalty = train.penalty();
        switch (penalty.type()) {
            case NONE -> { }
            case R1 -> algorithm = algorithm.withPenalty(new R1Penalty(penalty.gamma()), penalty.every());
            case WGAN_GP -> {
                WganGpPenalty gp = new WganGpPenalty(penalty.lambda(), seeds.penalty());
                state.add(Resumable.of("wganGp", () -> longState(gp.state()), saved -> gp.restore(longState(saved))));
                algorithm = algorithm.withPenalty(gp, penalty.every());
            }
        }
        return new Built(algorithm, List.copyOf(state));
    }

    /** The loss object of a {@code train.loss}. */
    static GanLoss loss(LossConfig loss) {
        return switch (loss.type()) {
            case NS -> new NonSaturating(loss.realLabel());
            case MINIMAX -> new Minimax(loss.realLabel());
            case LSGAN -> new LeastSquares(loss.realLabel());
            case HINGE -> new Hinge();
            case WGAN -> new Wasserstein();
        };
    }

    /**
     * D's optimiser. With lazy regularisation every k D steps, D's optimiser takes k + 1 steps where it took k; as
     * StyleGAN2 ({@code mb_ratio}), its learning rate is scaled by c = k / (k + 1) and each Adam beta raised to the
     * power c, so that per real batch D moves as far, and its moment estimates forget as fast, as without the
     * extra steps. Otherwise the optimiser as configured.
     */
    static OptimizerConfig discriminatorOptimizer(TrainConfig train) {
        OptimizerConfig d = train.d();
        if (!train.penalty().lazy()) {
            return d;
        }
        double c = (double) train.penalty().every() / (train.penalty().every() + 1);
        return new OptimizerConfig(d.type(), d.lr() * c, Math.pow(d.beta1(), c), Math.pow(d.beta2(), c));
    }

    /** A stream position as JSON: a string, since JSON readers in other languages lose 64-bit integers. */
    private static JsonNode longState(long state) {
        return JsonNodeFactory.instance.objectNode().put("state", Long.toString(state));
    }

    private static long longState(JsonNode saved) {
        if (saved == null || !saved.hasNonNull("state")) {
            throw new IllegalArgumentException("a stream state needs 'state', got " + saved);
        }
        return Long.parseLong(saved.get("state").asText());
    }
}
