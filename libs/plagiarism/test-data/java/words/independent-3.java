import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;

public class Main {
    private static final class Word implements Comparable<Word> {
        final String text;
        int count;

        Word(String text) {
            this.text = text;
        }

        @Override
        public int compareTo(Word other) {
            if (count != other.count) return Integer.compare(other.count, count);
            return text.compareTo(other.text);
        }
    }

    public static void main(String[] args) throws IOException {
        InputStream input = System.in;
        HashMap<String, Word> byText = new HashMap<>();
        ArrayList<Word> all = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int b;
        do {
            b = input.read();
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                current.append((char) Character.toLowerCase(b));
            } else if (current.length() > 0) {
                String key = current.toString();
                current.setLength(0);
                Word word = byText.get(key);
                if (word == null) {
                    word = new Word(key);
                    byText.put(key, word);
                    all.add(word);
                }
                word.count++;
            }
        } while (b != -1);
        Collections.sort(all);
        for (Word word : all) System.out.println(word.text + " " + word.count);
    }
}
