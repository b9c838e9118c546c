/**
 * The tests of the journal: recovery replays a valid record, ignores a torn one and refuses one
 * that would write into a file's data ({@code RecoveryTest}), and the words of an open
 * transaction, against a map across many random transactions ({@code PendingWritesTest}).
 */
package org.daxstore.journal;
