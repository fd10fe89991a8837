// Accepted: Long has 64 bits, enough for |a + b| <= 8e18.
object Sum {
  def main(args: Array[String]): Unit = {
    val Array(a, b) = scala.io.StdIn.readLine().trim.split("\\s+").map(_.toLong)
    println(a + b)
  }
}
