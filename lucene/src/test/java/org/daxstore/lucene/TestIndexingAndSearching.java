package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.tests.analysis.MockAnalyzer;
import org.apache.lucene.tests.index.RandomIndexWriter;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.apache.lucene.tests.util.TestUtil;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

/**
 * A real index on a {@link DaxDirectory}: a few thousand documents through Lucene's
 * {@link RandomIndexWriter} (random codecs, merge policies and flushes), searched while
 * documents are deleted and segments merged away under an open reader (whose files the merge
 * deletes while it reads them), then reopened from the container after a close, and checked
 * by {@link TestUtil#checkIndex}.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestIndexingAndSearching extends LuceneTestCase {
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};

    public void testIndexSearchDeleteMergeReopen() throws IOException {
        Path container = createTempDir("indexing").resolve("index.dax");
        int docs = atLeast(3000);
        int[] wordCounts = new int[WORDS.length];
        int deleted;
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            RandomIndexWriter writer = new RandomIndexWriter(random(), dir, newIndexWriterConfig(new MockAnalyzer(random())));
            for (int i = 0; i < docs; i++) {
                int word = i % WORDS.length;
                wordCounts[word]++;
                Document doc = new Document();
                doc.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                doc.add(new TextField("body", WORDS[word] + " x" + WORDS[(word + 1) % WORDS.length] + " doc" + i, Field.Store.NO));
                doc.add(new NumericDocValuesField("rank", docs - i));
                writer.addDocument(doc);
            }
            writer.commit();

            // a reader of the commit, not the writer's near-real-time one: the writer keeps the files
            // of its own readers, but not of this one
            DirectoryReader reader = DirectoryReader.open(dir);
            IndexSearcher searcher = newSearcher(reader);
            for (int w = 0; w < WORDS.length; w++) {
                assertEquals(WORDS[w], wordCounts[w], searcher.count(new TermQuery(new Term("body", WORDS[w]))));
            }
            assertEquals(wordCounts[0], searcher.count(new PhraseQuery("body", WORDS[0], "x" + WORDS[1])));

            // delete every "alpha" document, merge everything into one segment and commit: the
            // old segments' files are deleted while the old reader still reads them
            writer.deleteDocuments(new Term("body", WORDS[0]));
            deleted = wordCounts[0];
            writer.forceMerge(1);
            writer.commit();
            for (int w = 1; w < WORDS.length; w++) {
                assertEquals("the old reader, after its files were deleted", wordCounts[w],
                        searcher.count(new TermQuery(new Term("body", WORDS[w]))));
            }
            assertEquals(wordCounts[0], searcher.count(new TermQuery(new Term("body", WORDS[0]))));

            DirectoryReader newer = DirectoryReader.openIfChanged(reader);
            assertNotNull(newer);
            reader.close();
            IndexSearcher fresh = newSearcher(newer);
            assertEquals(0, fresh.count(new TermQuery(new Term("body", WORDS[0]))));
            assertEquals(docs - deleted, newer.numDocs());
            TopDocs top = fresh.search(new TermQuery(new Term("body", WORDS[1])), 3,
                    new Sort(new SortField("rank", SortField.Type.LONG)));
            assertEquals(3, top.scoreDocs.length);
            newer.close();
            writer.close();
            assertEquals("no hidden file outlives its readers", 0, TestDeleteWhileReading.hiddenFiles(dir.store()));
        }

        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = newSearcher(reader);
                assertEquals(docs - deleted, reader.numDocs());
                assertEquals(wordCounts[3], searcher.count(new TermQuery(new Term("body", WORDS[3]))));
                assertEquals(1, searcher.count(new TermQuery(new Term("id", "1"))));
            }
            TestUtil.checkIndex(dir);
            try (IndexWriter writer = new IndexWriter(dir, newIndexWriterConfig(new MockAnalyzer(random())))) {
                writer.deleteAll();
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(0, reader.numDocs());
            }
        }
    }
}
