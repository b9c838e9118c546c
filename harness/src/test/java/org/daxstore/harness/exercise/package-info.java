/**
 * The tests of the exerciser and the concurrency stress, and the runs of both that every
 * {@code mvn verify} makes: fsx against the model and the kernel ({@code FsxTest},
 * {@code KernelOracleTest}), the stress of views under truncate, punch and delete
 * ({@code ConcurrencyStressTest}, whose detector runs switch the grace period off in their own
 * store's hooks, {@code fs.StoreHooks}), and the clean-up of directories a killed run left
 * ({@code StaleRunDirectoriesTest}).
 */
package org.daxstore.harness.exercise;
