package dev.jvmgan.augment;

import dev.jvmgan.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The backward passes against central differences of L(x) = sum(w * augment(x)) in double precision, with the same
 * random parameters on every evaluation (the augmenter's stream is restored before each), over every input element.
 */
class AugmentGradientTest {
    private static final long[] SHAPE = {2, 3, 8, 8};
    private static final double H = 1e-5;

    @Test
    void eachPolicyAndAllTogether() {
        for (String policy : new String[]{"color", "translation", "cutout", "color,translation,cutout"}) {
            DiffAugment augment = DiffAugment.policy(policy, 42);
            assertMatchesFiniteDifferences(policy, augment, augment::state, augment::restore);
        }
    }

    @Test
    void aChainRunsItsBackwardPassesInReverse() {
        DiffAugment translate = DiffAugment.policy("translation", 1);
        DiffAugment colour = DiffAugment.policy("color", 2);
        InputTransform chain = translate.andThen(colour);
        assertMatchesFiniteDifferences("translation then color", chain,
                () -> new long[]{translate.state(), colour.state()}, s -> {
                    translate.restore(s[0]);
                    colour.restore(s[1]);
                });
    }

    private static <S> void assertMatchesFiniteDifferences(String what, InputTransform transform, Supplier<S> save,
                                                           java.util.function.Consumer<S> restore) {
        INDArray x = random(SHAPE, 7);
        INDArray w = random(SHAPE, 8);
        S before = save.get();
        INDArray analytic = transform.apply(x, 0).backward(w);
        double[] flat = x.dup('c').data().asDouble();
        double worst = 0;
        for (int k = 0; k < flat.length; k++) {
            double[] plus = flat.clone();
            double[] minus = flat.clone();
            plus[k] += H;
            minus[k] -= H;
            restore.accept(before);
            double lPlus = w.mul(transform.apply(Nd4j.create(plus, SHAPE, 'c'), 0).images()).sumNumber().doubleValue();
            restore.accept(before);
            double lMinus = w.mul(transform.apply(Nd4j.create(minus, SHAPE, 'c'), 0).images()).sumNumber()
                    .doubleValue();
            double numeric = (lPlus - lMinus) / (2 * H);
            worst = Math.max(worst, Math.abs(numeric - analytic.dup('c').data().getDouble(k)));
        }
        assertThat(worst).as(what).isLessThan(1e-8);
        assertThat(analytic.shape()).containsExactly(SHAPE);
    }

    static INDArray random(long[] shape, long seed) {
        RandomStream stream = new RandomStream(seed);
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * stream.nextDouble() - 1;
        }
        return Nd4j.create(v, shape, 'c').castTo(DataType.DOUBLE);
    }
}
