package dev.jvmgan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-class scores of a class-conditional generator, pure over feature rows and labels:
 * <ul>
 *   <li><b>class agreement</b> of class k: the share of the images made as class k that the feature network (a
 *       classifier of the data's classes) classifies as k, {@code |{i : y_i = k, argmax p(x_i) = k}| / |{i : y_i =
 *       k}|}; overall, the share of all images classified as the class they were made as. It says whether G's
 *       images show their class, which a Fréchet distance over all classes cannot.</li>
 *   <li><b>real agreement</b> of class k: the same share for the real reference images of class k, labelled
 *       r_j, {@code |{j : r_j = k, argmax p(x_j) = k}| / |{j : r_j = k}|}; overall, the share of all reference
 *       images classified as their label. It is the ceiling beside the agreement: the classifier's own accuracy on
 *       real images of that class, so a gap between the two is G's, not the classifier's. (When the reference is not
 *       held out from the feature network's training it is a training accuracy, and says less.)</li>
 *   <li><b>intra-FD</b> of class k (Miyato and Koyama 2018): the {@link FrechetDistance} between the features of the
 *       generated images of class k and those of the real images of class k; its mean over the classes that have
 *       at least two images on each side (a covariance needs two).</li>
 * </ul>
 * Each is null, with a note saying why, when it is not defined: agreement and real agreement under a feature network
 * trained by rotation prediction (it has no classes) or on other classes ({@code agreementNote}); intra-FD and real
 * agreement without the reference's labels ({@code intraFdNote}).
 *
 * @param rows           one per class, in label order
 * @param agreement      overall class agreement, or null
 * @param realAgreement  overall real agreement (the reference images' share classified as their label), or null
 * @param meanIntraFd    mean intra-FD over the classes that have one, or null
 * @param agreementNote  why agreement is null, or null when it is defined
 * @param intraFdNote    why intra-FD is null, or null when it is defined
 */
public record ClassScores(List<Row> rows, Double agreement, Double realAgreement, Double meanIntraFd,
                          String agreementNote, String intraFdNote) {
    /**
     * One class's scores.
     *
     * @param name      the class as people name it
     * @param generated generated images made as this class
     * @param real      reference images of this class (0 without the reference's labels)
     * @param agreement     share of the generated ones classified as this class, or null
     * @param realAgreement share of the real ones classified as this class, or null (also when it has none)
     * @param intraFd       Fréchet distance between this class's generated and real features, or null
     */
    public record Row(String name, int generated, int real, Double agreement, Double realAgreement, Double intraFd) {
    }

    public ClassScores {
        rows = List.copyOf(rows);
    }

    /**
     * The per-class scores.
     *
     * @param names         class names, index = label
     * @param madeAs        the class each generated image was made as
     * @param predicted     the feature network's class of each generated image; null when it has no classes to give
     * @param fakeFeatures  one feature row per generated image
     * @param realLabels    the class of each reference image; null when the reference has none
     * @param realPredicted the feature network's class of each reference image; null when it has no classes to give
     * @param realFeatures  one feature row per reference image
     * @param agreementNote why {@code predicted} is null (ignored otherwise)
     * @param intraFdNote   why {@code realLabels} is null (ignored otherwise)
     */
    public static ClassScores of(List<String> names, int[] madeAs, int[] predicted, double[][] fakeFeatures,
                                 int[] realLabels, int[] realPredicted, double[][] realFeatures,
                                 String agreementNote, String intraFdNote) {
        if (madeAs.length != fakeFeatures.length || predicted != null && predicted.length != madeAs.length
                || realLabels != null && realLabels.length != realFeatures.length
                || realPredicted != null && realPredicted.length != realFeatures.length) {
            throw new IllegalArgumentException("one class per image: " + madeAs.length + " classes for "
                    + fakeFeatures.length + " generated images, " + (realLabels == null ? "no" : realLabels.length)
                    + " labels and " + (realPredicted == null ? "no" : realPredicted.length) + " predictions for "
                    + realFeatures.length + " real images");
        }
        // Real agreement needs both the labels and the network's classes in the same index space, as agreement does.
        boolean realDefined = predicted != null && realPredicted != null && realLabels != null;
        List<Row> rows = new ArrayList<>();
        int agreed = 0;
        int realAgreed = 0;
        double fdSum = 0;
        int fdCount = 0;
        for (int k = 0; k < names.size(); k++) {
            double[][] fakes = ofClass(fakeFeatures, madeAs, k);
            Double share = null;
            if (predicted != null && fakes.length > 0) {
                int right = 0;
                for (int i = 0; i < madeAs.length; i++) {
                    right += madeAs[i] == k && predicted[i] == k ? 1 : 0;
                }
                agreed += right;
                share = (double) right / fakes.length;
            }
            double[][] reals = realLabels == null ? new double[0][] : ofClass(realFeatures, realLabels, k);
            Double realShare = null;
            if (realDefined && reals.length > 0) {
                int right = 0;
                for (int j = 0; j < realLabels.length; j++) {
                    right += realLabels[j] == k && realPredicted[j] == k ? 1 : 0;
                }
                realAgreed += right;
                realShare = (double) right / reals.length;
            }
            Double fd = null;
            if (fakes.length >= 2 && reals.length >= 2) {
                fd = FrechetDistance.between(reals, fakes);
                fdSum += fd;
                fdCount++;
            }
            rows.add(new Row(names.get(k), fakes.length, reals.length, share, realShare, fd));
        }
        Double overall = predicted == null || madeAs.length == 0 ? null : (double) agreed / madeAs.length;
        Double realOverall = !realDefined || realLabels.length == 0 ? null : (double) realAgreed / realLabels.length;
        return new ClassScores(rows, overall, realOverall, fdCount == 0 ? null : fdSum / fdCount,
                overall == null ? agreementNote : null, realLabels == null ? intraFdNote
                : fdCount == 0 ? "no class has 2 or more images on both sides" : null);
    }

    private static double[][] ofClass(double[][] features, int[] labels, int k) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == k) {
                rows.add(features[i]);
            }
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * The per-class table people read, with the overall agreements and the mean intra-FD under it; {@code real
     * agreement} is the ceiling {@code agreement} is read against.
     */
    public String table() {
        int width = Math.max(5, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String columns = "%-" + width + "s  %9s  %14s  %9s  ";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, columns + "%s%n", "class", "agreement",
                "real agreement", "intra-FD", "n (generated vs real)"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, columns + "%,d vs %,d%n", row.name(), percent(row.agreement()),
                    percent(row.realAgreement()), number(row.intraFd()), row.generated(), row.real()));
        }
        // "all": the agreements over every image, and the intra-FD's mean over the classes (not an FD of all images).
        out.append(String.format(Locale.ROOT, columns + "%,d vs %,d  (agreements of all images, mean intra-FD over "
                        + "classes)%n", "all", percent(agreement), percent(realAgreement), number(meanIntraFd),
                rows.stream().mapToInt(Row::generated).sum(), rows.stream().mapToInt(Row::real).sum()));
        if (agreementNote != null) {
            out.append("class agreement: ").append(agreementNote).append(System.lineSeparator());
        }
        if (intraFdNote != null) {
            out.append("intra-FD: ").append(intraFdNote).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * {@code classAgreement}, {@code realClassAgreement}, {@code meanIntraFd}, their notes and {@code perClass}: a row
     * per class with {@code agreement}, {@code realAgreement} and {@code intraFd} (JSON nulls where not defined).
     */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        putNullable(node, "classAgreement", agreement);
        putNullable(node, "realClassAgreement", realAgreement);
        putNullable(node, "meanIntraFd", meanIntraFd);
        if (agreementNote != null) {
            node.put("classAgreementNote", agreementNote);
        }
        if (intraFdNote != null) {
            node.put("intraFdNote", intraFdNote);
        }
        ArrayNode perClass = node.putArray("perClass");
        for (int k = 0; k < rows.size(); k++) {
            Row row = rows.get(k);
            ObjectNode r = perClass.addObject().put("index", k).put("class", row.name())
                    .put("generated", row.generated()).put("real", row.real());
            putNullable(r, "agreement", row.agreement());
            putNullable(r, "realAgreement", row.realAgreement());
            putNullable(r, "intraFd", row.intraFd());
        }
        return node;
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
