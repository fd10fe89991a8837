// Compile error: assigns a long sum to an int without a cast, which javac rejects as a possible lossy conversion.
import java.util.Scanner;

public class LossyConversion {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong();
        int sum = a + b;
        System.out.println(sum);
    }
}
