package dev.jvmgan.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Optional;

/**
 * ACGAN's auxiliary classifier (Odena et al. 2017) on top of a GAN loss ({@code model.auxClassifier: lambda}). D
 * outputs {@code [B, 1 + K]}: column 0 is the adversarial output a that the wrapped loss judges, columns 1..K are
 * class logits c, whose softmax is D's guess of the image's class. With {@code CE(c, y)} the cross-entropy of the
 * class logits against the class y:
 * <pre>
 *   L_D = adversarial L_D(a(x), a(G(z, y'))) + lambda E[ CE(c(x), y) ]        y: the real image's class
 *   L_G = adversarial L_G(a(G(z, y')))       + lambda E[ CE(c(G(z, y')), y') ] y': the class G was asked for
 *   CE(c, y) = logsumexp_k c_k - c_y = -log softmax(c)_y,   dCE/dc_k = softmax(c)_k - [k = y]
 * </pre>
 * D learns to classify real images only, as StudioGAN's {@code AC} does; Odena et al. also train D to classify the
 * fakes under the class they were made as, which rewards D for reading the class from G's artefacts. G learns to
 * make images that D's classifier assigns to the class G was given: a push toward class-typical images on top of
 * what the adversarial loss (and a projection D's class term inside it) asks.
 *
 * <p>Each term's loss is the sum of the two parts, each a mean over the batch; its gradient holds the adversarial
 * part's in column 0 and {@code lambda (softmax(c_b) - onehot(y_b)) / B} in the class columns. Monitors see the
 * wrapped loss's figure of the adversarial column only ({@link #adversarial}), and the class terms' accuracy
 * ({@link LossTerm#classAccuracy()}): D's on the real batch, and D's on G's images as the class each was made as.
 */
public final class AuxiliaryClassifier implements GanLoss {
    private final GanLoss adversarialLoss;
    private final double weight;

    /**
     * @param adversarialLoss the loss on D's adversarial output, column 0
     * @param weight          lambda, &gt; 0
     */
    public AuxiliaryClassifier(GanLoss adversarialLoss, double weight) {
        if (!(weight > 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("the auxiliary classifier's weight must be > 0 and finite, got "
                    + weight);
        }
        this.adversarialLoss = adversarialLoss;
        this.weight = weight;
    }

    @Override
    public String name() {
        return adversarialLoss.name();
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray outputs, int[] classes) {
        return withClasses(adversarialLoss.discriminatorOnReal(adversarial(outputs)), outputs, classes);
    }

    /** D does not learn to classify generated images: the adversarial loss alone, class columns' gradient 0. */
    @Override
    public LossTerm discriminatorOnFake(INDArray outputs, int[] classes) {
        return withoutClasses(adversarialLoss.discriminatorOnFake(adversarial(outputs)), outputs);
    }

    @Override
    public LossTerm generator(INDArray outputs, int[] classes) {
        return withClasses(adversarialLoss.generator(adversarial(outputs)), outputs, classes);
    }

    @Override
    public LossTerm discriminatorOnReal(INDArray realLogits) {
        throw new IllegalStateException("the auxiliary classifier needs each image's class");
    }

    @Override
    public LossTerm discriminatorOnFake(INDArray fakeLogits) {
        throw new IllegalStateException("the auxiliary classifier needs each image's class");
    }

    @Override
    public LossTerm generator(INDArray fakeLogits) {
        throw new IllegalStateException("the auxiliary classifier needs each image's class");
    }

    /** Column 0 of {@code [B, 1 + K]}, as {@code [B, 1]}. */
    @Override
    public INDArray adversarial(INDArray outputs) {
        requireShape(outputs);
        return outputs.getColumn(0, true);
    }

    @Override
    public OutputScale outputScale() {
        return adversarialLoss.outputScale();
    }

    @Override
    public Optional<OverpowerThresholds> overpowering() {
        return adversarialLoss.overpowering();
    }

    public double weight() {
        return weight;
    }

    /**
     * The mean cross-entropy of class logits {@code [B, K]} (as doubles, row-major) against {@code classes}, and
     * its gradient {@code (softmax(c_b) - onehot(y_b)) / B} written into {@code gradient}.
     */
    static double crossEntropy(double[] logits, int k, int[] classes, double[] gradient) {
        int batch = classes.length;
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            int y = classes[b];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("class " + y + " of sample " + b + " is not in [0, " + k + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[b * k + j]);
            }
            double exps = 0;
            for (int j = 0; j < k; j++) {
                exps += Math.exp(logits[b * k + j] - max);
            }
            double logSumExp = max + Math.log(exps);
            sum += logSumExp - logits[b * k + y];
            for (int j = 0; j < k; j++) {
                double softmax = Math.exp(logits[b * k + j] - logSumExp);
                gradient[b * k + j] = (softmax - (j == y ? 1 : 0)) / batch;
            }
        }
        return sum / batch;
    }

    /** The share of rows whose largest logit (the first, on a tie) is at the row's class. */
    static double accuracy(double[] logits, int k, int[] classes) {
        int right = 0;
        for (int b = 0; b < classes.length; b++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (logits[b * k + j] > logits[b * k + best]) {
                    best = j;
                }
            }
            right += best == classes[b] ? 1 : 0;
        }
        return (double) right / classes.length;
    }

    private LossTerm withClasses(LossTerm adversarialTerm, INDArray outputs, int[] classes) {
        if (classes == null || classes.length != outputs.size(0)) {
            throw new IllegalArgumentException("the auxiliary classifier needs one class per image: "
                    + (classes == null ? "none" : classes.length) + " for " + outputs.size(0) + " images");
        }
        int k = (int) outputs.size(1) - 1;
        double[] all = Outputs.values(outputs);
        double[] logits = new double[classes.length * k];
        for (int b = 0; b < classes.length; b++) {
            System.arraycopy(all, b * (k + 1) + 1, logits, b * k, k);
        }
        double[] gradient = new double[logits.length];
        double crossEntropy = crossEntropy(logits, k, classes, gradient);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= weight;
        }
        return new LossTerm(adversarialTerm.loss() + weight * crossEntropy,
                join(adversarialTerm.dLogits(), gradient, outputs), adversarialTerm.meanOutput(),
                accuracy(logits, k, classes));
    }

    private static LossTerm withoutClasses(LossTerm adversarialTerm, INDArray outputs) {
        int k = (int) outputs.size(1) - 1;
        return new LossTerm(adversarialTerm.loss(),
                join(adversarialTerm.dLogits(), new double[(int) outputs.size(0) * k], outputs),
                adversarialTerm.meanOutput());
    }

    /** {@code [B, 1 + K]}: the adversarial gradient in column 0, the class gradient after it. */
    private static INDArray join(INDArray adversarialGradient, double[] classGradient, INDArray outputs) {
        int batch = (int) outputs.size(0);
        int k = (int) outputs.size(1) - 1;
        double[] first = Outputs.values(adversarialGradient);
        double[] joined = new double[batch * (k + 1)];
        for (int b = 0; b < batch; b++) {
            joined[b * (k + 1)] = first[b];
            System.arraycopy(classGradient, b * k, joined, b * (k + 1) + 1, k);
        }
        return Nd4j.create(joined, new long[] {batch, k + 1}, 'c').castTo(outputs.dataType());
    }

    private static void requireShape(INDArray outputs) {
        if (outputs.rank() != 2 || outputs.size(1) < 3) {
            throw new IllegalArgumentException("the auxiliary classifier needs D's outputs as [batch, 1 + K], K >= 2"
                    + " classes, got " + java.util.Arrays.toString(outputs.shape()));
        }
    }
}
