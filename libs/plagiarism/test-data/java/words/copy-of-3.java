import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;

/** Word frequencies. */
public class Main
{
    private static final class Entry implements Comparable<Entry>
    {
        final String w;
        int n;

        Entry(String w) { this.w = w; }

        @Override
        public int compareTo(Entry that)
        {
            // more frequent first
            if (n != that.n)
                return Integer.compare(that.n, n);
            return w.compareTo(that.w);
        }
    }

    public static void main(String[] args) throws IOException
    {
        InputStream stdin = System.in;
        ArrayList<Entry> list = new ArrayList<>();
        HashMap<String, Entry> index = new HashMap<>();
        StringBuilder buf = new StringBuilder();
        int ch;
        do
        {
            ch = stdin.read();
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
            {
                buf.append((char) Character.toLowerCase(ch));
            }
            else if (buf.length() > 0)
            {
                String s = buf.toString();
                buf.setLength(0);
                Entry e = index.get(s);
                if (e == null)
                {
                    e = new Entry(s);
                    index.put(s, e);
                    boolean found = false;
                    list.add(e);
                }
                e.n++;
            }
        } while (ch != -1);
        Collections.sort(list);
        for (Entry e : list)
            System.out.println(e.w + " " + e.n);
    }
}
