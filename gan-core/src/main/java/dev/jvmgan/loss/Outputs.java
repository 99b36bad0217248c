package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The host-side arithmetic the losses share: D's outputs as doubles, and a gradient back in their shape and type. */
final class Outputs {
    private Outputs() {
    }

    /** The outputs as doubles, in the array's logical (row-major) order. */
    static double[] values(INDArray logits) {
        if (logits.length() == 0) {
            throw new IllegalArgumentException("a loss needs at least one output, got shape "
                    + java.util.Arrays.toString(logits.shape()));
        }
        return logits.dup('c').data().asDouble();
    }

    /** An array of the logits' shape and data type holding {@code perOutput[i] / n}: the gradient of a mean. */
    static INDArray meanGradient(double[] perOutput, INDArray logits) {
        double[] g = new double[perOutput.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = perOutput[i] / perOutput.length;
        }
        return Nd4j.create(g, logits.shape(), 'c').castTo(logits.dataType());
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** log(1 + e^x) = max(x, 0) + log1p(exp(-|x|)): no overflow, no log(0). */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** 1 / (1 + e^-x), evaluated on the side where the exponential cannot overflow. */
    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double meanSigmoid(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += sigmoid(v);
        }
        return sum / x.length;
    }

    /**
     * Binary cross-entropy on logits against the target {@code label}, averaged:
     * {@code BCE(x, y) = -y log sigmoid(x) - (1 - y) log(1 - sigmoid(x)) = softplus(x) - x y}, with
     * {@code dBCE/dx = sigmoid(x) - y}; its figure is the mean sigmoid.
     */
    static LossTerm bce(INDArray logits, double label) {
        double[] x = values(logits);
        double[] grad = new double[x.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            loss += softplus(x[i]) - x[i] * label;
            grad[i] = sigmoid(x[i]) - label;
        }
        return new LossTerm(loss / x.length, meanGradient(grad, logits), meanSigmoid(x));
    }

    /** {@code sign * E[x]}, with gradient {@code sign / n}; its figure is the mean raw output. */
    static LossTerm linear(INDArray outputs, double sign) {
        double[] x = values(outputs);
        double[] grad = new double[x.length];
        java.util.Arrays.fill(grad, sign);
        double mean = mean(x);
        return new LossTerm(sign * mean, meanGradient(grad, outputs), mean);
    }

    /** A real-image target of a loss with one-sided label smoothing: in (0, 1]. */
    static double requireRealLabel(double realLabel) {
        if (!(realLabel > 0 && realLabel <= 1)) {
            throw new IllegalArgumentException("realLabel: must be in (0, 1] (1 = no smoothing, 0.9 = Salimans et "
                    + "al.'s one-sided smoothing), got " + realLabel);
        }
        return realLabel;
    }
}
