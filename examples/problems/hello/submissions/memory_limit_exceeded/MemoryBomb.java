// Memory limit exceeded: asks for one 1 GiB array, 4x the 256 MiB heap given by -Xmx. The JVM refuses it at once
// (OutOfMemoryError), where filling the heap chunk by chunk would spend the time limit on garbage collections first.
import java.util.Scanner;

public class MemoryBomb {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        byte[] block = new byte[1 << 30];
        block[block.length - 1] = 1;
        System.out.println(a + b + block[0]);
    }
}
