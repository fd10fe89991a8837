// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB heap given by -Xmx) in 4 MiB arrays, filling each one and keeping them in a list.
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Scanner;

public class MemoryBomb {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            byte[] chunk = new byte[4 << 20];
            Arrays.fill(chunk, (byte) (i + 1));
            chunks.add(chunk);
        }
        System.out.println(a + b + (chunks.isEmpty() ? 1 : 0));
    }
}
