package dev.jvmgan.ema;

import dev.jvmgan.batchnorm.RunningStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of the moving average over a network's flat parameter array, as StyleGAN2-ADA's {@code Gema}:
 * <pre>
 *   ema = lerp(param, ema, beta) = param + beta (ema - param)     for every trained parameter
 *   ema = param                                                   for batch norm's running statistics
 * </pre>
 * The lerp is evaluated as {@code torch.lerp} does, from the nearer end: {@code param + beta (ema - param)} for
 * beta &lt; 0.5, {@code ema - (1 - beta) (ema - param)} otherwise, so beta = 0 and beta = 1 give either end exactly
 * and the usual beta near 1 adds a small correction to the average instead of rebuilding it from G.
 * StyleGAN2 averages {@code G.parameters()} and copies {@code G.buffers()}; DL4J keeps batch norm's running mean and
 * variance (or log standard deviation) among the parameters, so {@link RunningStatistics} picks them out and they are
 * copied: the average generator normalises with the statistics the current G has gathered, which averaging would
 * blur across generators of different scales. In the parameters' data type, in place, the same operations in the
 * same order every step, so a resumed run repeats the average bitwise.
 * <pre>{@code
 * ParameterAverage ema = new ParameterAverage(RunningStatistics.of(gEma.model()));
 * ema.update(gEma.params(), g.params(), schedule.beta(batchSize, imagesSeenBeforeThisStep));
 * }</pre>
 */
public final class ParameterAverage {
    private final RunningStatistics runningStatistics;

    /** @param runningStatistics where the generator's running statistics are (same layout as both arrays) */
    public ParameterAverage(RunningStatistics runningStatistics) {
        this.runningStatistics = runningStatistics;
    }

    /**
     * Moves {@code ema} toward {@code params} in place.
     *
     * @param beta the old average's weight, in [0, 1]: 0 copies G, 1 keeps the average
     */
    public void update(INDArray ema, INDArray params, double beta) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
        if (ema.length() != params.length() || ema.dataType() != params.dataType()) {
            throw new IllegalArgumentException("the average has " + ema.length() + " " + ema.dataType()
                    + " entries, the generator " + params.length() + " " + params.dataType());
        }
        INDArray p = params.reshape(ema.shape());
        if (beta < 0.5) {
            ema.subi(p).muli(beta).addi(p);
        } else {
            ema.subi(ema.sub(p).muli(1 - beta));
        }
        runningStatistics.copy(params, ema);
    }
}
