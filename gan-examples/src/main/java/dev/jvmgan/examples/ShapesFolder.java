package dev.jvmgan.examples;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a folder of synthetic pictures to try {@code configs/folder-dcgan-64.yaml} without pictures of one's own,
 * and to benchmark the image loader: {@code count} JPEGs of {@code size x size} pixels, a filled circle, square or
 * triangle in a random colour on a gradient, in one subfolder per shape (so the folder has class labels).
 * Seeded: the same arguments write the same files.
 *
 * <pre>
 * scripts/make-shapes-folder.sh 2000 my-images          # 2,000 JPEGs of 256x256
 * scripts/make-shapes-folder.sh 20000 /tmp/shapes 256 7 # count, folder, size, seed
 * </pre>
 */
public final class ShapesFolder {
    private static final String[] SHAPES = {"circles", "squares", "triangles"};

    private ShapesFolder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ShapesFolder COUNT FOLDER [SIZE=256] [SEED=1]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        write(folder, count, size, seed);
        System.out.println("wrote " + count + " JPEGs of " + size + "x" + size + " under " + folder);
    }

    public static void write(Path folder, int count, int size, long seed) throws IOException {
        Random random = new Random(seed);
        for (String shape : SHAPES) {
            Files.createDirectories(folder.resolve(shape));
        }
        for (int i = 0; i < count; i++) {
            int shape = random.nextInt(SHAPES.length);
            BufferedImage image = draw(shape, size, random);
            Path file = folder.resolve(SHAPES[shape]).resolve(String.format("%06d.jpg", i));
            ImageIO.write(image, "jpeg", file.toFile());
        }
    }

    private static BufferedImage draw(int shape, int size, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, pastel(random), size, size, pastel(random)));
        g.fillRect(0, 0, size, size);
        float hue = random.nextFloat();
        g.setColor(Color.getHSBColor(hue, 0.6f + 0.4f * random.nextFloat(), 0.5f + 0.5f * random.nextFloat()));
        int side = size / 4 + random.nextInt(size / 3);
        int x = random.nextInt(size - side);
        int y = random.nextInt(size - side);
        switch (shape) {
            case 0 -> g.fillOval(x, y, side, side);
            case 1 -> g.fillRect(x, y, side, side);
            default -> g.fillPolygon(new Polygon(new int[] {x, x + side, x + side / 2},
                    new int[] {y + side, y + side, y}, 3));
        }
        g.setColor(Color.getHSBColor(hue, 0.8f, 0.3f));
        g.setStroke(new BasicStroke(Math.max(1, size / 64f)));
        g.drawLine(random.nextInt(size), random.nextInt(size), random.nextInt(size), random.nextInt(size));
        g.dispose();
        return image;
    }

    private static Color pastel(Random random) {
        return Color.getHSBColor(random.nextFloat(), 0.2f + 0.2f * random.nextFloat(), 0.8f + 0.2f * random.nextFloat());
    }
}
