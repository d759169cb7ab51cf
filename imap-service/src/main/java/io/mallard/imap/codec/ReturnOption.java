package io.mallard.imap.codec;

/** RFC 4731 §3.1 search return options, with RFC 5182 §2.1 SAVE. */
public enum ReturnOption { MIN, MAX, ALL, COUNT, SAVE }
