// Compile error: assigns a String to a variable declared as Long, so kotlinc fails with a type mismatch.
fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    val sum: Long = "$a + $b"
    println(sum)
}
