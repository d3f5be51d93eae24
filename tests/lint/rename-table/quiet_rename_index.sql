ALTER INDEX "a_idx" RENAME TO "b_idx";
