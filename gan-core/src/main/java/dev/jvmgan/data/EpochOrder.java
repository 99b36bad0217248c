package dev.jvmgan.data;

import java.util.Random;

/**
 * The seeded randomness of a batch source, as pure functions: the order of epoch {@code e} depends only on
 * {@code (seed, e)}, and the draws for one image (crop offset, mirror) only on {@code (seed, e, position)}. Nothing
 * here advances a shared generator, so a restored source, or decoding threads finishing in any order, see the very
 * same values.
 */
final class EpochOrder {
    private EpochOrder() {
    }

    /** Fisher-Yates with {@link Random}, whose algorithm the JDK specifies, so orders match across JVMs. */
    static void shuffle(int[] order, long seed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(mix(seed, epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** SplitMix64 finaliser: neighbouring (seed, epoch) pairs get unrelated Random seeds. */
    static long mix(long seed, int epoch) {
        return finish(seed + (epoch + 1L) * 0x9E3779B97F4A7C15L);
    }

    /** 64 random bits for the image at {@code position} of {@code epoch}'s order. */
    static long slotBits(long seed, int epoch, int position) {
        return finish(mix(seed, epoch) ^ finish((position + 1L) * 0xD1B54A32D192ED03L));
    }

    /** Whether the image at this slot is mirrored: the top bit, a fair coin. */
    static boolean flipped(long slotBits) {
        return slotBits < 0;
    }

    /** Where a random crop starts, as a fraction in [0, 1) of the free length: the low 32 bits. */
    static double cropFraction(long slotBits) {
        return (slotBits & 0xFFFFFFFFL) / 4294967296.0;
    }

    /**
     * The {@code attempt}-th stand-in (1, 2, ...) for the image at a slot whose file turned out unreadable: an
     * index in {@code [0, size)} that depends only on the slot, so every run picks the same one.
     */
    static int standIn(long slotBits, int attempt, int size) {
        return (int) Long.remainderUnsigned(finish(slotBits + attempt * 0x9E3779B97F4A7C15L), size);
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
