// Run-time error: reads past the end of a two-element array, so Java throws ArrayIndexOutOfBoundsException and exits with status 1.
import java.util.Scanner;

public class OutOfBounds {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long[] numbers = new long[2];
        numbers[0] = in.nextLong();
        numbers[1] = in.nextLong();
        long sum = 0;
        for (int i = 0; i <= numbers.length; i++) {
            sum += numbers[i];
        }
        System.out.println(sum);
    }
}
