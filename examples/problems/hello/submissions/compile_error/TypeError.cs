// Compile error: a long does not convert to an int without a cast.
using System;

class Sum
{
    static void Main()
    {
        long a = 1;
        int b = a;
        Console.WriteLine(b);
    }
}
