/**
 * Every test that reads a book reads its sheet XML and shared strings with
 * both tokenizers, the byte tokenizer and saxes, and fails where they differ
 * (src/io/scan.ts): a differential test on every workbook the tests make.
 */
import { useTokenizer } from "../../src/io/scan";

useTokenizer("both");
