package org.daxstore.lucene.bench;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A generated corpus, the same for a given seed on every run and every directory: a vocabulary
 * of pseudo-words, and documents of 8 to 16 words drawn with a skew (a few words are common, most
 * are rare, as in text), each with a rank for the sorted queries. Documents are word ids, made
 * once, so that indexing times measure indexing, not generation.
 */
final class Corpus {
    static final int VOCABULARY = 50_000;

    final String[] words;
    final int[][] docs;
    final long[] ranks;

    Corpus(int docCount, long seed) {
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            String w;
            do {
                StringBuilder b = new StringBuilder();
                int length = 3 + random.nextInt(8);
                for (int c = 0; c < length; c++) {
                    b.append((char) ('a' + random.nextInt(26)));
                }
                w = b.toString();
            } while (!seen.add(w));
            words[i] = w;
        }
        docs = new int[docCount][];
        ranks = new long[docCount];
        for (int d = 0; d < docCount; d++) {
            int[] doc = new int[8 + random.nextInt(9)];
            for (int i = 0; i < doc.length; i++) {
                doc[i] = wordIndex(random);
            }
            docs[d] = doc;
            ranks[d] = random.nextInt(1_000_000);
        }
    }

    /** A word id, skewed toward small ids: id = V * u^3 for a uniform u. */
    static int wordIndex(Random random) {
        double u = random.nextDouble();
        return (int) (VOCABULARY * u * u * u);
    }

    /** The text of document {@code d}. */
    String body(int d) {
        StringBuilder b = new StringBuilder();
        for (int w : docs[d]) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(words[w]);
        }
        return b.toString();
    }
}
