package dev.jvmgan.examples;

import dev.jvmgan.data.IdxReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the first {@code count} images of an IDX file (MNIST's format) as grey PNGs into a folder, one subfolder per
 * label when a labels file lies next to it ({@code train-images-idx3-ubyte.gz} and
 * {@code train-labels-idx1-ubyte.gz}): a small data set to try {@code configs/folder-small-diffaugment.yaml} on, and
 * the 1,000-image Fashion-MNIST subset its comparison with and without DiffAugment is measured on. Fashion-MNIST's
 * training file is in class-mixed order, so its first 1,000 images hold every class.
 *
 * <pre>
 * scripts/make-fashion-subset.sh 1000 fashion-1k       # the first 1,000 of Debian's 60k training split
 * scripts/make-fashion-subset.sh 500 /tmp/mnist-500 /data/train-images-idx3-ubyte.gz
 * </pre>
 */
public final class IdxSubsetFolder {
    /** Debian's {@code dataset-fashion-mnist} training split. */
    public static final String FASHION_MNIST_TRAIN = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";

    private IdxSubsetFolder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: IdxSubsetFolder COUNT FOLDER [IMAGES_FILE=" + FASHION_MNIST_TRAIN + "]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path images = Path.of(args.length == 3 ? args[2] : FASHION_MNIST_TRAIN);
        int written = write(images, count, Path.of(args[1]));
        System.out.println("wrote " + written + " PNGs from " + images + " under " + args[1]);
    }

    /**
     * @return the number of images written: {@code count}, or all of the file's if it holds fewer
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static int write(Path imagesFile, int count, Path folder) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        int[] labels = labels(imagesFile);
        int n = Math.min(count, images.count());
        int side = images.rows() * images.columns();
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(images.columns(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, images.columns(), images.rows(),
                    java.util.Arrays.copyOfRange(images.pixels(), i * side, (i + 1) * side));
            Path dir = labels == null ? folder : folder.resolve(Integer.toString(labels[i]));
            Files.createDirectories(dir);
            ImageIO.write(image, "png", dir.resolve(String.format("%06d.png", i)).toFile());
        }
        return n;
    }

    /** The labels file next to an images file, as MNIST names them, or null. */
    private static int[] labels(Path imagesFile) throws IOException {
        String name = imagesFile.getFileName().toString();
        Path labelsFile = imagesFile.resolveSibling(name.replace("images", "labels").replace("idx3", "idx1"));
        return name.contains("images") && Files.isRegularFile(labelsFile) ? IdxReader.readLabels(labelsFile) : null;
    }
}
