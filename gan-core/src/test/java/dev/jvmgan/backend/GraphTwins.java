package dev.jvmgan.backend;

import dev.jvmgan.penalty.GradientPenalty;
import dev.jvmgan.penalty.PenaltyValue;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One ComputationGraph behind the seam twice, from the same parameters and optimiser state: through
 * {@link GraphArenaPasses} and through DL4J's own passes. {@link #ganSteps} trains a G and D pair of each kind the same
 * way and records everything the loop and the monitors see, so two records can be compared bit for bit.
 */
record GraphTwins(TrainableNetwork arena, TrainableNetwork dl4j, GraphPasses arenaPasses, GraphPasses dl4jPasses) {

    /** @param spectral layers to normalise (empty for none), seeded alike on both sides */
    static GraphTwins of(ComputationGraph source, int classes, Set<String> spectral) {
        GraphPasses withArena = new GraphPasses(source, classes == 0 ? 1 : 2, true);
        GraphPasses withoutArena = new GraphPasses(source, classes == 0 ? 1 : 2, false);
        assertThat(withArena.usesArena()).as("the arena drives this graph").isTrue();
        assertThat(withoutArena.usesArena()).isFalse();
        return new GraphTwins(trainable(withArena, classes, spectral), trainable(withoutArena, classes, spectral),
                withArena, withoutArena);
    }

    private static TrainableNetwork trainable(GraphPasses passes, int classes, Set<String> spectral) {
        ClassInput input = classes == 0 ? ClassInput.none() : ClassInput.secondInput(classes);
        return new Dl4jTrainable(passes, spectral.isEmpty() ? null : SpectralWeights.of(passes, spectral, 7), input);
    }

    /** What one side's training showed, in order: a name and a copy of the array (or a scalar) for each. */
    static final class Trace {
        private final List<String> names = new ArrayList<>();
        private final List<INDArray> values = new ArrayList<>();

        void add(String name, INDArray value) {
            names.add(name);
            values.add(value == null ? null : value.dup('c'));
        }

        void add(String name, Map<String, INDArray> byKey) {
            byKey.forEach((key, value) -> add(name + " " + key, value));
        }

        void add(String name, double value) {
            add(name, Nd4j.scalar(value));
        }

        /** Same names in the same order, and every array of the same shape, type and bits. */
        void assertBitwise(Trace other) {
            assertThat(names).isEqualTo(other.names);
            for (int i = 0; i < values.size(); i++) {
                INDArray mine = values.get(i);
                INDArray theirs = other.values.get(i);
                assertThat(mine).as(names.get(i)).isNotNull();
                assertThat(mine.shape()).as(names.get(i)).isEqualTo(theirs.shape());
                assertThat(mine.dataType()).as(names.get(i)).isEqualTo(theirs.dataType());
                assertThat(Arrays.equals(mine.data().asBytes(), theirs.data().asBytes()))
                        .as("%s: bitwise equal (max difference %s)", names.get(i),
                                mine.castTo(theirs.dataType()).sub(theirs).amaxNumber())
                        .isTrue();
            }
        }

        int size() {
            return names.size();
        }
    }

    /**
     * {@code steps} GAN iterations, each a D update (an optional penalty, then real and fake passes) and a G update
     * through D's input gradient, with a DL4J inference call in between; the arena side then the DL4J side, each
     * recording what the loop and the monitors read. The two traces must be bitwise equal.
     *
     * @param classes per example, or null for an unconditional pair
     * @param penalty a fresh penalty for each side (a WGAN-GP penalty draws its points from a stream of its own), or
     *                null for none
     */
    static void assertSameTraining(GraphTwins g, GraphTwins d, int steps, INDArray[] latents, INDArray real,
                                   int[] classes, Supplier<GradientPenalty> penalty) {
        Trace arena = ganSteps(g.arena(), g.arenaPasses(), d.arena(), d.arenaPasses(), steps, latents, real, classes,
                penalty == null ? null : penalty.get());
        Trace dl4j = ganSteps(g.dl4j(), g.dl4jPasses(), d.dl4j(), d.dl4jPasses(), steps, latents, real, classes,
                penalty == null ? null : penalty.get());
        assertThat(arena.size()).isGreaterThan(10 * steps);
        arena.assertBitwise(dl4j);
        assertThat(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread()).isFalse();
    }

    private static Trace ganSteps(TrainableNetwork g, GraphPasses gPasses, TrainableNetwork d, GraphPasses dPasses,
                                  int steps, INDArray[] latents, INDArray real, int[] classes,
                                  GradientPenalty penalty) {
        Trace trace = new Trace();
        for (int step = 0; step < steps; step++) {
            INDArray fake = g.forward(latents[2 * step], classes);
            trace.add("fake", fake);
            trace.add("G layer input", g.layerInputs());
            if (penalty != null) {
                PenaltyValue value = penalty.accumulate(d, real, fake.dup(), 1);
                trace.add("penalty", value.penalty());
                trace.add("penalty gradient norm", value.meanGradientNorm());
            }
            INDArray realLogits = d.forward(real, classes);
            trace.add("real logits", realLogits);
            trace.add("D layer input", d.layerInputs());
            trace.add("D last output", dPasses.lastOutput().orElseThrow().getValue());
            trace.add("dLoss/dReal", d.backward(Transforms.sigmoid(realLogits, true).subi(1)));
            INDArray fakeLogits = d.forward(fake, classes);
            trace.add("fake logits", fakeLogits);
            trace.add("dLoss/dFake", d.backward(Transforms.sigmoid(fakeLogits, true)));
            trace.add("D pending", d.pendingGradients());
            d.applyUpdate();
            trace.add("D params", d.params());
            trace.add("D inference", d.output(real, classes));

            fake = g.forward(latents[2 * step + 1], classes);
            INDArray logits = d.forward(fake, classes);
            INDArray dLossDFake = d.inputGradient(Transforms.sigmoid(logits, true).subi(1));
            trace.add("G epsilon", dLossDFake);
            trace.add("dLoss/dLatents", g.backward(dLossDFake));
            trace.add("G pending", g.pendingGradients());
            trace.add("G last output", gPasses.lastOutput().orElseThrow().getValue());
            g.applyUpdate();
            trace.add("G params", g.params());
        }
        return trace;
    }
}
