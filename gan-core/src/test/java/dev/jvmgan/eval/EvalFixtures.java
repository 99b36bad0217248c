package dev.jvmgan.eval;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Tiny IDX files for the evaluation's tests: seeded grey images of a bright square whose place is its class. */
final class EvalFixtures {
    static final int SIDE = 8;

    private EvalFixtures() {
    }

    /** {@code count} images; image i shows class {@code i % 2}: a square top left or bottom right, on noise. */
    static byte[] squares(int count, long seed) {
        Random rng = new Random(seed);
        byte[] pixels = new byte[count * SIDE * SIDE];
        for (int i = 0; i < count; i++) {
            int at = i % 2 == 0 ? 1 : 4;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean inside = y >= at && y < at + 3 && x >= at && x < at + 3;
                    pixels[(i * SIDE + y) * SIDE + x] = (byte) (inside ? 200 + rng.nextInt(56) : rng.nextInt(40));
                }
            }
        }
        return pixels;
    }

    static Path images(Path file, byte[] pixels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000803);
            out.writeInt(pixels.length / (SIDE * SIDE));
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            out.write(pixels);
        }
        return file;
    }

    /** Labels {@code i % 2}, as {@link #squares} draws them. */
    static Path labels(Path file, int count) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 2);
            }
        }
        return file;
    }
}
