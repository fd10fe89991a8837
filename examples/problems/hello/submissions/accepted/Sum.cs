// Accepted: long has 64 bits, enough for |a + b| <= 8e18.
using System;

class Sum
{
    static void Main()
    {
        string[] words = Console.ReadLine().Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
        Console.WriteLine(long.Parse(words[0]) + long.Parse(words[1]));
    }
}
