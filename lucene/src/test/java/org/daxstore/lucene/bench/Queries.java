package org.daxstore.lucene.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** The query sets, fixed by the seed: term, phrase, boolean (two required terms and an optional one) and sorted (a term query sorted by rank). */
final class Queries {
    /** The kinds of query, in report order. */
    enum Kind { TERM, PHRASE, BOOLEAN, SORTED }

    private Queries() {
    }

    static List<Query> make(Kind kind, Corpus corpus, int count, long seed) {
        Random random = new Random(seed * 31 + kind.ordinal());
        List<Query> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            switch (kind) {
                case TERM:
                case SORTED:
                    queries.add(term(corpus, 20 + random.nextInt(2000)));
                    break;
                case PHRASE: {
                    int[] doc = corpus.docs[random.nextInt(corpus.docs.length)];
                    int at = random.nextInt(doc.length - 1);
                    queries.add(new PhraseQuery("body", corpus.words[doc[at]], corpus.words[doc[at + 1]]));
                    break;
                }
                case BOOLEAN:
                    queries.add(new BooleanQuery.Builder()
                            .add(term(corpus, random.nextInt(300)), BooleanClause.Occur.MUST)
                            .add(term(corpus, random.nextInt(300)), BooleanClause.Occur.MUST)
                            .add(term(corpus, random.nextInt(3000)), BooleanClause.Occur.SHOULD)
                            .build());
                    break;
                default:
                    throw new AssertionError(kind);
            }
        }
        return queries;
    }

    private static Query term(Corpus corpus, int word) {
        return new TermQuery(new Term("body", corpus.words[word]));
    }
}
