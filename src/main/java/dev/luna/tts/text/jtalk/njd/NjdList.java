package dev.luna.tts.text.jtalk.njd;

import dev.luna.tts.text.jtalk.NjdFeature;

import java.util.ArrayList;
import java.util.List;

/** OpenJTalk's {@code NJD}: a doubly linked list of {@link NjdNode}s with the C's list operations. */
final class NjdList {
    NjdNode head;
    NjdNode tail;

    /** NJD_push_node: append a node (and any chain already linked after it). */
    void push(NjdNode node) {
        if (head == null) {
            head = node;
        } else {
            tail.next = node;
            node.prev = tail;
        }
        while (node.next != null) {
            node = node.next;
        }
        tail = node;
    }

    /** NJD_remove_node: unlink a node and return the one after it. */
    NjdNode remove(NjdNode node) {
        NjdNode next;
        if (node == head && node == tail) {
            head = null;
            tail = null;
            next = null;
        } else if (node == head) {
            head = node.next;
            head.prev = null;
            next = head;
        } else if (node == tail) {
            tail = node.prev;
            tail.next = null;
            next = null;
        } else {
            node.prev.next = node.next;
            node.next.prev = node.prev;
            next = node.next;
        }
        node.prev = null;
        node.next = null;
        return next;
    }

    /** NJD_remove_silent_node: drop every node whose pron is "*". */
    void removeSilent() {
        for (NjdNode node = head; node != null; ) {
            node = node.pron().equals(NjdNode.NODATA) ? remove(node) : node.next;
        }
    }

    /**
     * NJDNode_insert: link {@code node} (and its chain) between {@code prev} and {@code next};
     * returns the chain's tail. Like the C, the list's tail pointer is not updated.
     */
    static NjdNode insert(NjdNode prev, NjdNode next, NjdNode node) {
        if (prev == null || next == null) {
            throw new IllegalStateException("NJDNode_insert without neighbours");
        }
        NjdNode tail = node;
        while (tail.next != null) {
            tail = tail.next;
        }
        prev.next = node;
        node.prev = prev;
        next.prev = tail;
        tail.next = next;
        return tail;
    }

    List<NjdFeature> toFeatures() {
        List<NjdFeature> out = new ArrayList<>();
        for (NjdNode node = head; node != null; node = node.next) {
            out.add(node.toFeature());
        }
        return out;
    }
}
